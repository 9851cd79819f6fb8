-- View360 v2 warehouse schema: 36 tables, their keys, checks and indexes, exactly as the
-- original core-schema.sql declares them (specs/view360-schema.tsv, specs/view360.md section d).
-- Tables live in the public schema so that existing SQL and BI datasets keep working unchanged.

CREATE TYPE period_granularity_type AS ENUM ('MONTHLY', 'WEEKLY', 'DAILY');

CREATE TABLE accounts (
    id serial PRIMARY KEY,
    account_id varchar(12) NOT NULL,
    account_name varchar(255) NOT NULL,
    account_email varchar(255) NOT NULL,
    account_status varchar(50) NOT NULL,
    account_arn varchar(255) NOT NULL,
    partner_name text DEFAULT 'None',
    customer_name text DEFAULT 'None',
    joined_method varchar(50) NOT NULL,
    joined_timestamp timestamp with time zone NOT NULL,
    account_type varchar(50),
    csp varchar(50),
    region text DEFAULT 'Global',
    category text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, region)
);
CREATE INDEX idx_accounts_account_id ON accounts (account_id);
CREATE INDEX idx_accounts_account_status ON accounts (account_status);

CREATE TABLE contact_info (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    address_line1 varchar(255),
    address_line2 varchar(255),
    address_line3 varchar(255),
    city varchar(100),
    country_code varchar(2),
    postal_code varchar(20),
    state_or_region varchar(100),
    company_name varchar(255),
    phone_number varchar(20),
    website_url varchar(255),
    full_name varchar(255),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_contact_info_account_id ON contact_info (account_id);

CREATE TABLE alternate_contacts (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    contact_type varchar(50) NOT NULL,
    full_name varchar(255),
    title varchar(255),
    email varchar(255),
    phone_number varchar(20),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, contact_type),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_alternate_contacts_account_id ON alternate_contacts (account_id);

CREATE TABLE services (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    service varchar(255) NOT NULL,
    date_from date NOT NULL,
    date_to date NOT NULL,
    cost numeric(20,10) NOT NULL,
    currency varchar(3) DEFAULT 'USD',
    utilization numeric(20,10),
    utilization_unit varchar(100),
    usage_types text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, service, usage_types, date_from),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE,
    CONSTRAINT date_check CHECK (date_to >= date_from)
);
CREATE INDEX idx_services_account_id ON services (account_id);
CREATE INDEX idx_services_service ON services (service);
CREATE INDEX idx_services_date_range ON services (date_from, date_to);

CREATE TABLE cost_reports (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    current_period_cost numeric(20,10) NOT NULL,
    previous_period_cost numeric(20,10) NOT NULL,
    cost_difference numeric(20,10) NOT NULL,
    cost_difference_percentage numeric(20,10) NOT NULL,
    potential_monthly_savings numeric(20,10) DEFAULT 0,
    anomalies_detected integer DEFAULT 0,
    saving_opportunities_count integer DEFAULT 0,
    period_start date NOT NULL,
    period_end date NOT NULL,
    period_granularity period_granularity_type NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    region text DEFAULT 'Global',
    UNIQUE (account_id, period_start, region),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_cost_reports_account_id ON cost_reports (account_id);
CREATE INDEX idx_cost_reports_period ON cost_reports (period_start, period_end);

CREATE TABLE service_costs (
    id serial PRIMARY KEY,
    cost_report_id integer,
    service_name varchar(255) NOT NULL,
    cost numeric(20,10) NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    region text DEFAULT 'Global',
    FOREIGN KEY (cost_report_id) REFERENCES cost_reports(id) ON DELETE CASCADE
);
CREATE INDEX idx_service_costs_cost_report_id ON service_costs (cost_report_id);

CREATE TABLE cost_forecasts (
    id serial PRIMARY KEY,
    cost_report_id integer,
    period_start date NOT NULL,
    period_end date NOT NULL,
    amount numeric(20,10) NOT NULL,
    prediction_interval_lower_bound numeric(20,10),
    prediction_interval_upper_bound numeric(20,10),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    region text DEFAULT 'Global',
    FOREIGN KEY (cost_report_id) REFERENCES cost_reports(id) ON DELETE CASCADE
);
CREATE INDEX idx_cost_forecasts_cost_report_id ON cost_forecasts (cost_report_id);

CREATE TABLE security (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    service varchar(255) NOT NULL,
    total_findings integer NOT NULL DEFAULT 0,
    critical_count integer NOT NULL DEFAULT 0,
    high_count integer NOT NULL DEFAULT 0,
    medium_count integer NOT NULL DEFAULT 0,
    low_count integer NOT NULL DEFAULT 0,
    informational_count integer NOT NULL DEFAULT 0,
    open_findings integer NOT NULL DEFAULT 0,
    resolved_findings integer NOT NULL DEFAULT 0,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, service),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_security_account_id ON security (account_id);
CREATE INDEX idx_security_service ON security (service);

CREATE TABLE findings (
    id serial PRIMARY KEY,
    security_id integer NOT NULL,
    finding_id varchar(255) NOT NULL,
    service varchar(255) NOT NULL,
    title text NOT NULL,
    description text,
    severity varchar(50) NOT NULL,
    status varchar(50) NOT NULL,
    resource_type varchar(255),
    resource_id varchar(255),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    recommendation text,
    compliance_status varchar(50),
    region varchar(50),
    workflow_state varchar(50),
    record_state varchar(50),
    product_name varchar(255),
    company_name varchar(255),
    product_arn varchar(255),
    generator_id varchar(255),
    generator varchar(255),
    UNIQUE (finding_id),
    FOREIGN KEY (security_id) REFERENCES security(id) ON DELETE CASCADE
);
CREATE INDEX idx_findings_security_id ON findings (security_id);
CREATE INDEX idx_findings_severity ON findings (severity);
CREATE INDEX idx_findings_status ON findings (status);
CREATE INDEX idx_findings_region ON findings (region);
CREATE INDEX idx_findings_generator ON findings (generator);

CREATE TABLE products (
    id serial PRIMARY KEY,
    name varchar(255) NOT NULL,
    owner varchar(255) NOT NULL,
    position varchar(255),
    description text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_products_name ON products (name);
CREATE INDEX idx_products_owner ON products (owner);

CREATE TABLE product_accounts (
    id serial PRIMARY KEY,
    product_id integer NOT NULL,
    account_id integer NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (product_id, account_id),
    FOREIGN KEY (product_id) REFERENCES products(id) ON DELETE CASCADE,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_product_accounts_product_id ON product_accounts (product_id);
CREATE INDEX idx_product_accounts_account_id ON product_accounts (account_id);

CREATE TABLE logs (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    date_created timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    account_status varchar(50) DEFAULT 'Pass',
    cost_status varchar(50) DEFAULT 'Pass',
    service_status varchar(50) DEFAULT 'Pass',
    security_status varchar(50) DEFAULT 'Pass',
    config_status varchar(50) DEFAULT 'Pass',
    inventory_status varchar(50) DEFAULT 'Pass',
    marketplace_status varchar(50) DEFAULT 'Pass',
    trusted_advisor_status varchar(50) DEFAULT 'Pass',
    health_status varchar(50) DEFAULT 'Pass',
    application_status varchar(50) DEFAULT 'Pass',
    resilience_hub_status varchar(50) DEFAULT 'Pass',
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, date_created),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_logs_account_id ON logs (account_id);
CREATE INDEX idx_logs_date_created ON logs (date_created);

CREATE TABLE log_messages (
    id serial PRIMARY KEY,
    log_id integer NOT NULL,
    message text NOT NULL,
    message_type text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (log_id) REFERENCES logs(id) ON DELETE CASCADE
);
CREATE INDEX idx_log_messages_log_id ON log_messages (log_id);

CREATE TABLE config_reports (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    date_from date NOT NULL,
    date_to date NOT NULL,
    compliance_score numeric(5,2),
    total_rules integer,
    compliant_rules integer,
    non_compliant_rules integer,
    curr_non_compliant integer DEFAULT 0,
    curr_compliant integer DEFAULT 0,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, date_from),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_config_reports_account_id ON config_reports (account_id);

CREATE TABLE non_compliant_resources (
    id serial PRIMARY KEY,
    config_report_id integer,
    resource_type varchar(255),
    resource_id varchar(255),
    compliance_type varchar(50),
    rule_name varchar(255),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    annotation text,
    evaluation_mode text,
    conformance_pack text,
    status varchar(255) NOT NULL DEFAULT 'OPEN',
    FOREIGN KEY (config_report_id) REFERENCES config_reports(id) ON DELETE CASCADE
);

CREATE TABLE service_resources (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    service_name varchar(255) NOT NULL,
    resource_type varchar(255),
    resource_id varchar(255),
    resource_name varchar(255),
    region varchar(50),
    availability_zone varchar(50),
    state varchar(50),
    instance_type varchar(50),
    vpc_id varchar(255),
    engine varchar(100),
    instance_class varchar(100),
    multi_az boolean,
    size_gb integer,
    volume_type varchar(50),
    creation_date timestamp with time zone,
    type varchar(100),
    scheme varchar(50),
    instance_count integer,
    min_size integer,
    max_size integer,
    available_ip_count integer,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_service_resources_account_id ON service_resources (account_id);
CREATE INDEX idx_service_resources_service_name ON service_resources (service_name);
CREATE INDEX idx_service_resources_resource_type ON service_resources (resource_type);
CREATE INDEX idx_service_resources_region ON service_resources (region);
CREATE INDEX idx_service_resources_availability_zone ON service_resources (availability_zone);
CREATE INDEX idx_service_resources_state ON service_resources (state);

CREATE TABLE compute_optimizer (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    resource_type varchar(50) NOT NULL,
    resource_arn varchar(255) NOT NULL,
    resource_name varchar(255),
    finding varchar(50),
    current_instance_type varchar(50),
    current_memory_size integer,
    current_volume_type varchar(50),
    current_volume_size integer,
    recommended_instance_type varchar(50),
    recommended_memory_size integer,
    recommended_volume_type varchar(50),
    recommended_volume_size integer,
    savings_opportunity_percentage numeric(5,2),
    estimated_monthly_savings_usd numeric(10,2),
    performance_risk numeric(3,2),
    cpu_utilization_max numeric(5,2),
    memory_utilization_avg numeric(5,2),
    migration_effort varchar(50),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_compute_optimizer_account_id ON compute_optimizer (account_id);
CREATE INDEX idx_compute_optimizer_resource_type ON compute_optimizer (resource_type);
CREATE INDEX idx_compute_optimizer_finding ON compute_optimizer (finding);
CREATE INDEX idx_compute_optimizer_savings ON compute_optimizer (estimated_monthly_savings_usd);
CREATE INDEX idx_compute_optimizer_performance_risk ON compute_optimizer (performance_risk);

CREATE TABLE config_inventory (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    resource_type varchar(255) NOT NULL,
    resource_subtype varchar(255),
    resource_id varchar(255) NOT NULL,
    resource_name varchar(255),
    region varchar(50),
    availability_zone varchar(50),
    state varchar(50),
    instance_type varchar(50),
    instance_class varchar(100),
    engine varchar(100),
    vpc_id varchar(255),
    size_gb integer,
    volume_type varchar(50),
    creation_date timestamp with time zone,
    multi_az boolean,
    scheme varchar(50),
    type varchar(100),
    instance_count integer,
    min_size integer,
    max_size integer,
    available_ip_count integer,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_config_inventory_account_id ON config_inventory (account_id);
CREATE INDEX idx_config_inventory_resource_type ON config_inventory (resource_type);
CREATE INDEX idx_config_inventory_resource_subtype ON config_inventory (resource_subtype);
CREATE INDEX idx_config_inventory_resource_id ON config_inventory (resource_id);
CREATE INDEX idx_config_inventory_region ON config_inventory (region);
CREATE INDEX idx_config_inventory_availability_zone ON config_inventory (availability_zone);
CREATE INDEX idx_config_inventory_state ON config_inventory (state);
CREATE INDEX idx_config_inventory_vpc_id ON config_inventory (vpc_id);
CREATE INDEX idx_config_inventory_creation_date ON config_inventory (creation_date);
CREATE UNIQUE INDEX idx_config_inventory_unique_resource ON config_inventory (account_id, resource_id);

CREATE TABLE guard_duty_findings (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    detector_id varchar(255),
    finding_type varchar(255),
    severity numeric(3,1),
    title text,
    description text,
    confidence numeric(3,1),
    region varchar(50),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_guard_duty_findings_account_id ON guard_duty_findings (account_id);

CREATE TABLE kms_keys (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    key_id varchar(255),
    arn varchar(255),
    description text,
    key_usage varchar(50),
    key_state varchar(50),
    creation_date timestamp with time zone,
    enabled boolean DEFAULT TRUE,
    key_rotation_enabled boolean DEFAULT FALSE,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);

CREATE TABLE waf_rules (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    name varchar(255),
    waf_id varchar(255),
    arn varchar(255),
    scope varchar(50),
    description text,
    default_action jsonb,
    rules_count integer DEFAULT 0,
    logging_enabled boolean DEFAULT FALSE,
    geo_blocking_enabled boolean DEFAULT FALSE,
    blocked_countries text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);

CREATE TABLE waf_rules_detailed (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    web_acl_name varchar(255) NOT NULL,
    rule_name varchar(255) NOT NULL,
    priority integer NOT NULL,
    action text,
    statement_type varchar(100),
    is_managed_rule boolean DEFAULT FALSE,
    is_custom_rule boolean DEFAULT TRUE,
    rate_limit boolean DEFAULT FALSE,
    logging_enabled boolean DEFAULT FALSE,
    geo_blocking boolean DEFAULT FALSE,
    sql_injection boolean DEFAULT FALSE,
    sample_request_enabled boolean DEFAULT FALSE,
    cloudwatch_enabled boolean DEFAULT FALSE,
    has_xss_protection boolean DEFAULT FALSE,
    waf_version varchar(10) DEFAULT 'v2',
    is_compliant boolean DEFAULT FALSE,
    scope varchar(20) DEFAULT 'REGIONAL',
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, web_acl_name, rule_name),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_waf_rules_detailed_account_id ON waf_rules_detailed (account_id);
CREATE INDEX idx_waf_rules_detailed_web_acl ON waf_rules_detailed (web_acl_name);
CREATE INDEX idx_waf_rules_detailed_compliance ON waf_rules_detailed (is_compliant);
CREATE INDEX idx_waf_rules_detailed_managed ON waf_rules_detailed (is_managed_rule);

CREATE TABLE cloudtrail_logs (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    name varchar(255),
    arn varchar(255),
    is_logging boolean DEFAULT FALSE,
    is_multi_region boolean DEFAULT FALSE,
    s3_bucket varchar(255),
    kms_key_id varchar(255),
    log_file_validation boolean DEFAULT FALSE,
    latest_delivery_time timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (arn),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);

CREATE TABLE secrets_manager_secrets (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    name varchar(255),
    arn varchar(255),
    description text,
    created_date timestamp with time zone,
    last_changed_date timestamp with time zone,
    rotation_enabled boolean DEFAULT FALSE,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (arn),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);

CREATE TABLE certificates (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    arn varchar(255),
    domain_name varchar(255),
    status varchar(50),
    type varchar(50),
    not_after timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (arn),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);

CREATE TABLE inspector_findings (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    finding_arn varchar(255),
    severity varchar(50),
    status varchar(50),
    type varchar(100),
    title text,
    description text,
    first_observed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (finding_arn),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);

CREATE TABLE inventory_instances (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    instance_id varchar(255),
    instance_type varchar(50),
    platform varchar(50),
    ip_address varchar(45),
    computer_name varchar(255),
    ping_status varchar(50),
    last_ping_date_time timestamp with time zone,
    agent_version varchar(50),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    platform_type varchar(255),
    platform_version varchar(50),
    is_latest_version boolean,
    association_status varchar(255),
    association_execution_date timestamp with time zone,
    association_success_date timestamp with time zone,
    UNIQUE (instance_id),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_inventory_instances_account_id ON inventory_instances (account_id);

CREATE TABLE inventory_applications (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    instance_id integer,
    name varchar(255),
    version varchar(100),
    publisher varchar(255),
    architecture text,
    application_type text,
    install_time timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE,
    FOREIGN KEY (instance_id) REFERENCES inventory_instances(id) ON DELETE CASCADE
);

CREATE TABLE inventory_patches (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    instance_id integer,
    title varchar(255),
    classification varchar(100),
    severity varchar(50),
    state varchar(50),
    installed_time timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE,
    FOREIGN KEY (instance_id) REFERENCES inventory_instances(id) ON DELETE CASCADE
);

CREATE TABLE marketplace_usage (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    product_code varchar(255),
    product_name varchar(255),
    cost_consumed numeric(20,10),
    currency varchar(3) DEFAULT 'USD',
    period_start date,
    period_end date,
    status varchar(50),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, product_code, period_start),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_marketplace_usage_account_id ON marketplace_usage (account_id);

CREATE TABLE trusted_advisor_checks (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    check_name varchar(255),
    category varchar(100),
    severity varchar(50),
    recommendation text,
    affected_resources_count integer DEFAULT 0,
    potential_savings numeric(20,10),
    timestamp timestamp with time zone,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, check_name),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_trusted_advisor_checks_account_id ON trusted_advisor_checks (account_id);

CREATE TABLE health_events (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    arn varchar(255),
    service varchar(100),
    event_type_code varchar(255),
    region varchar(50),
    start_time timestamp with time zone,
    end_time timestamp with time zone,
    status_code varchar(50),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (arn),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_health_events_account_id ON health_events (account_id);

CREATE TABLE application_signals (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    service_name varchar(255),
    namespace varchar(255),
    key_attributes jsonb,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (account_id, service_name),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_application_signals_account_id ON application_signals (account_id);

CREATE TABLE resilience_hub_apps (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    app_arn varchar(255),
    name varchar(255),
    compliance_status varchar(50),
    resiliency_score numeric(5,2),
    status varchar(50),
    cost numeric(20,10),
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    description text,
    creation_time timestamp with time zone,
    last_assessment_time timestamp with time zone,
    rpo integer,
    rto integer,
    last_drill timestamp with time zone,
    UNIQUE (app_arn),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_resilience_hub_apps_account_id ON resilience_hub_apps (account_id);

CREATE TABLE support_tickets (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    case_id varchar(255) NOT NULL,
    display_id varchar(50) NOT NULL,
    subject text NOT NULL,
    status varchar(50) NOT NULL,
    severity_code varchar(50) NOT NULL,
    service_code varchar(255),
    category_code varchar(50) NOT NULL,
    time_created timestamp with time zone NOT NULL,
    submitted_by varchar(255),
    language varchar(10) DEFAULT 'en',
    date_from date NOT NULL,
    date_to date NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (case_id),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE,
    CONSTRAINT date_check CHECK (date_to >= date_from)
);
CREATE INDEX idx_support_tickets_account_time ON support_tickets (account_id, time_created);
CREATE INDEX idx_support_tickets_status ON support_tickets (status);
CREATE INDEX idx_support_tickets_severity ON support_tickets (severity_code);

CREATE TABLE ri_sp_daily_savings (
    id serial PRIMARY KEY,
    account_id integer NOT NULL,
    date_from date NOT NULL,
    date_to date NOT NULL,
    reservation_type varchar(50) NOT NULL,
    subscription_id varchar(255) NOT NULL,
    offering_id varchar(255),
    savings_plan_arn varchar(255),
    service varchar(100),
    instance_type varchar(100),
    instance_count integer,
    instance_family varchar(100),
    instance_tenancy varchar(50),
    offering_class varchar(50),
    product_types text,
    region varchar(50),
    utilization_percentage numeric(5,2),
    on_demand_cost numeric(12,2),
    reservation_cost numeric(12,2),
    net_savings numeric(12,2),
    commitment numeric(12,2),
    upfront_cost numeric(12,2),
    recurring_cost numeric(12,2),
    recurring_frequency varchar(20),
    usage_price numeric(12,2),
    currency varchar(10),
    start_date timestamp with time zone,
    end_date timestamp with time zone,
    returnable_until timestamp with time zone,
    duration_seconds integer,
    offering_type varchar(50),
    state varchar(50),
    description text,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT ri_sp_daily_savings_unique UNIQUE (account_id, subscription_id, date_to, reservation_type),
    FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE
);
CREATE INDEX idx_ri_sp_savings_account_date ON ri_sp_daily_savings (account_id, date_to);
CREATE INDEX idx_ri_sp_savings_subscription ON ri_sp_daily_savings (subscription_id);
CREATE INDEX idx_ri_sp_savings_type ON ri_sp_daily_savings (reservation_type);
CREATE INDEX idx_ri_sp_savings_service ON ri_sp_daily_savings (service);
CREATE INDEX idx_ri_sp_savings_state ON ri_sp_daily_savings (state);
CREATE INDEX idx_ri_sp_savings_region ON ri_sp_daily_savings (region);
