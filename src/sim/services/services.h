// One registration function per group of simulated services; each lives in its own file under
// services/ and adds its operations to the table (handler.h). AllHandlers() calls them all.
#pragma once

#include "sim/handler.h"

namespace view360::sim {

void RegisterIdentityServices(HandlerTable& table);    // sts, organizations, account, iam
void RegisterCostServices(HandlerTable& table);        // ce, savingsplans, ec2/rds reservations
void RegisterSecurityServices(HandlerTable& table);    // securityhub, guardduty, inspector2, kms,
                                                       // wafv2, cloudtrail, secretsmanager, acm
void RegisterOperationsServices(HandlerTable& table);  // config, support, health,
                                                       // application-signals, resiliencehub,
                                                       // marketplace-entitlement
void RegisterResourceServices(HandlerTable& table);    // ec2, rds, elbv2, autoscaling, lambda,
                                                       // cloudwatch GetMetricStatistics
void RegisterInventoryServices(HandlerTable& table);   // s3 bucket metadata, ssm,
                                                       // compute-optimizer
void RegisterMonitoringServices(HandlerTable& table);  // cloudwatch PutMetricData, sns

}  // namespace view360::sim
