"""moto state for account discovery: an organisation with OUs and member accounts."""


def organisation(clients, args):
    org = clients("organizations")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    prod = org.create_organizational_unit(ParentId=root, Name="prod")["OrganizationalUnit"]["Id"]
    team = org.create_organizational_unit(ParentId=prod, Name="team")["OrganizationalUnit"]["Id"]
    accounts, prod_accounts = [], []
    for i, parent in enumerate([root, prod, team, root]):
        status = org.create_account(Email=f"member{i}@example.com", AccountName=f"member{i}")
        account_id = status["CreateAccountStatus"]["AccountId"]
        if parent != root:
            org.move_account(AccountId=account_id, SourceParentId=root, DestinationParentId=parent)
            prod_accounts.append(account_id)
        accounts.append(account_id)
    return {"accounts": accounts, "prod_ou": prod, "prod_accounts": prod_accounts}
