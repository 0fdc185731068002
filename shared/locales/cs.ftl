# Latchkey, čeština.

## Durations and counts

duration-minutes = { $count ->
    [one] { $count } minuta
    [few] { $count } minuty
   *[other] { $count } minut
}
duration-hours = { $count ->
    [one] { $count } hodina
    [few] { $count } hodiny
   *[other] { $count } hodin
}
duration-days = { $count ->
    [one] { $count } den
    [few] { $count } dny
   *[other] { $count } dní
}

## Emails: shared parts

mail-support-heading = Máte otázky? Obraťte se na { $tenant }:
mail-support-email = E-mail: { $address }
mail-support-phone = Telefon: { $address }
mail-support-url = Web: { $address }
mail-automatic = Tuto zprávu odeslala automaticky služba { $tenant }. Neodpovídejte na ni, prosím.
mail-link-hint = Otevřete tento odkaz v prohlížeči:

## Emails: one block per kind

mail-reset-subject = Obnovení hesla pro { $tenant }
mail-reset-intro = Někdo požádal o obnovení hesla účtu { $username } v { $tenant }. Pokud jste to byli vy, zvolte nové heslo pomocí odkazu níže. Pokud ne, tento e-mail ignorujte: vaše heslo zůstane beze změny.
mail-reset-validity = Odkaz funguje jednou. Doba platnosti: { $duration }.
mail-reset-button = Zvolit nové heslo

mail-activation-subject = Aktivujte svůj účet v { $tenant }
mail-activation-intro = V { $tenant } pro vás byl založen účet s uživatelským jménem { $username }. Zvolte si heslo pomocí odkazu níže.
mail-activation-button = Zvolit heslo

mail-contact-admin-subject = K vašemu heslu v { $tenant }
mail-contact-admin-intro = Někdo požádal o obnovení hesla účtu { $username } v { $tenant }.
mail-contact-admin-body = Heslo tohoto účtu nelze obnovit e-mailem. Obraťte se prosím na svého správce. Pokud jste o nic nežádali, tento e-mail ignorujte.

mail-elsewhere-subject = Byl vám odeslán odkaz k heslu v { $tenant }
mail-elsewhere-intro = Správce { $tenant } odeslal odkaz pro nastavení hesla účtu { $username } na jinou e-mailovou adresu.
mail-elsewhere-body = Pokud jste to nečekali, obraťte se na svého správce.

mail-locked-subject = Váš účet v { $tenant } byl zablokován
mail-locked-intro = Do účtu { $username } v { $tenant } bylo příliš mnoho neúspěšných pokusů o přihlášení, proto je účet prozatím zablokován pro všechny.
mail-locked-body = Obnovte heslo pomocí odkazu níže a účet se ihned odblokuje. Pokud neúspěšná přihlášení nebyla vaše, někdo možná hádá vaše heslo: zvolte nové, jedinečné.
mail-locked-button = Obnovit heslo

mail-email-changed-subject = E-mailová adresa vašeho účtu v { $tenant } byla změněna
mail-email-changed-intro = Správce { $tenant } změnil e-mailovou adresu účtu { $username } na { $address }. Odkazy k obnovení hesla nyní chodí tam a odkazy odeslané před změnou už nefungují.
mail-email-changed-body = Pokud jste to nečekali, ihned se obraťte na svého správce.

mail-recovery-used-subject = K vašemu účtu v { $tenant } byl použit záložní kód
mail-recovery-used-intro = Někdo se právě přihlásil do účtu { $username } v { $tenant } pomocí záložního kódu. { $count ->
    [one] Zbývá vám { $count } kód; každý funguje jednou.
    [few] Zbývají vám { $count } kódy; každý funguje jednou.
   *[other] Zbývá vám { $count } kódů; každý funguje jednou.
}
mail-recovery-used-body = Pokud jste to nebyli vy, obnovte heslo a ihned se obraťte na svého správce. Pokud jste ztratili ověřovací aplikaci, nastavte novou a vytvořte nové záložní kódy.

mail-mfa-on-subject = Dvoufázové přihlášení bylo zapnuto pro váš účet v { $tenant }
mail-mfa-on-intro = Dvoufázové přihlášení bylo právě zapnuto pro účet { $username } v { $tenant }. Všechny ostatní přihlášené relace byly odhlášeny.
mail-mfa-off-subject = Dvoufázové přihlášení bylo vypnuto pro váš účet v { $tenant }
mail-mfa-off-intro = Dvoufázové přihlášení bylo právě vypnuto pro účet { $username } v { $tenant }. Všechny ostatní přihlášené relace byly odhlášeny.
mail-mfa-body = Pokud jste to nebyli vy, obnovte heslo a ihned se obraťte na svého správce.

mail-changed-subject = Vaše heslo v { $tenant } bylo změněno
mail-changed-intro = Heslo účtu { $username } v { $tenant } bylo právě změněno. Všechny ostatní přihlášené relace byly odhlášeny.
mail-changed-body = Pokud jste to nebyli vy, ihned se obraťte na svého správce.
