"""moto state for the account category."""


def alternate_contacts(clients, args):
    account = clients("account")
    account.put_alternate_contact(AlternateContactType="SECURITY", Name="Sec Team",
                                  Title="CISO", EmailAddress="sec@example.com",
                                  PhoneNumber="+1 555 0100")
    return {"security": "Sec Team"}
