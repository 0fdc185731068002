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

## Pages: rendered into the HTML by the server

page-language-name = Čeština
page-language = Jazyk
page-brand-default = Přístup k účtu
page-index-intro = Přihlášení, obnovení hesla a stránky účtu pro každou organizaci.
page-index-tenant = Identifikátor organizace
page-index-open = Otevřít přihlašovací stránku
page-index-pages = Stránky:
page-sign-in-title = Přihlásit se
page-username = Uživatelské jméno
page-password = Heslo
page-email = E-mail
page-totp = Jednorázový kód
page-totp-help = Šestimístný kód, který pro tento účet zobrazuje vaše ověřovací aplikace.
page-use-recovery = Použít záložní kód
page-forgot-link = Zapomněli jste heslo?
page-forgot-title = Zapomenuté heslo
page-forgot-heading = Zapomněli jste heslo?
page-forgot-help-email = Zadejte svou e-mailovou adresu. Pokud jí odpovídá nějaký účet, pošleme mu odkaz pro zvolení nového hesla.
page-forgot-submit = Poslat odkaz k obnovení
page-back-to-sign-in = Zpět na přihlášení
page-reset-title = Zvolte nové heslo
page-reset-checking = Kontrolujeme váš odkaz…
page-reset-account = Účet
page-reset-valid-until = Odkaz platí do
page-new-password = Nové heslo
page-repeat-password = Zopakujte nové heslo
page-reset-submit = Nastavit nové heslo
page-request-new-link = Vyžádat nový odkaz

## Page script messages: `{name}` markers are filled by the script

js-error-invalid_credentials = Uživatelské jméno nebo heslo není správné.
js-error-mfa_required = Zadejte šestimístný kód z ověřovací aplikace.
js-error-invalid_mfa_code = Tento kód není správný. Zadejte aktuální kód z ověřovací aplikace.
js-error-unauthenticated = Vaše relace skončila. Přihlaste se znovu.
js-error-password_change_required = Než budete pokračovat, zvolte nové heslo.
js-error-forbidden = K tomu nemáte oprávnění.
js-error-not_found = Nenalezeno.
js-error-invalid_token = Platnost tohoto odkazu vypršela nebo už byl použit. Každý odkaz funguje jednou a jen po omezenou dobu.
js-error-password_policy = Nové heslo nesplňuje tato pravidla:
js-error-invalid_current_password = Současné heslo není správné.
js-error-password_change_not_allowed = Vaše heslo zde nelze změnit. Obraťte se na správce.
js-error-mfa_required_for_admin = Vaše organizace vyžaduje dvoufázové přihlášení u správců, kteří obnovují hesla, a vy ho nemáte zapnuté.
js-error-externally_managed = Tento účet spravuje adresář (LDAP nebo Entra ID); heslo změňte tam.
js-error-account_disabled = Tento účet je zakázaný. Nejprve ho povolte.
js-error-username_taken = Toto uživatelské jméno už je obsazené.
js-error-mfa_already_enabled = Dvoufázové přihlášení už je zapnuté.
js-error-mfa_required_by_policy = Vaše organizace vyžaduje pro váš účet dvoufázové přihlášení, proto ho nelze vypnout.
js-error-mfa_enrollment_required = Vaše organizace vyžaduje dvoufázové přihlášení. Nejprve ho nastavte na stránce svého účtu.
js-error-busy = Služba je přetížená. Zkuste to za chvíli znovu.
js-error-conflict = Někdo to ve stejnou chvíli změnil. Zkuste to znovu.
js-error-internal = Na naší straně se něco pokazilo. Zkuste to později.
js-error-too_many_attempts = Příliš mnoho pokusů.
js-error-invalid_branding = Barva, název nebo kontakt nebyly přijaty.
js-error-invalid_logo = Logo musí být obrázek PNG, JPEG nebo WebP o velikosti nejvýše 64 KiB.
js-error-invalid_request = Požadavek nebyl přijat.
js-unreachable = Služba není dostupná. Zkontrolujte připojení a zkuste to znovu.
js-generic-failure = Něco se pokazilo.
js-lockout-unknown = Příliš mnoho pokusů. Chvíli počkejte a zkuste to znovu.
js-lockout = Příliš mnoho pokusů. Z bezpečnostních důvodů je přihlašování pozastaveno: zkuste to znovu za { $span } (po { $time }).
js-violation-too_short = Použijte alespoň tento počet znaků: { $min }.
js-violation-too_long = Použijte nejvýše tento počet znaků: { $max }.
js-violation-common_password = Toto heslo je příliš běžné.
js-violation-contains_context = Nepoužívejte své uživatelské jméno, e-mail ani název organizace.
js-violation-missing_character_classes = Použijte aspoň tolik z těchto druhů: { $classes } (malá písmena, velká písmena, číslice, symboly).
js-violation-breached_password = Toto heslo se objevilo ve známých únicích dat. Zvolte jiné.
js-violation-reused_password = Nepoužívejte znovu současné heslo ani žádné z posledních hesel (počet: { $history }).
js-policy-intro = Vaše nové heslo musí:
js-policy-length = mít nejméně { $min } a nejvýše { $max } znaků.
js-policy-history = se lišit od současného hesla a od posledních hesel (počet: { $count }).
js-policy-common = nebýt často používaným heslem.
js-policy-context = neobsahovat vaše uživatelské jméno, e-mailovou adresu ani název organizace.
js-policy-classes = obsahovat aspoň tolik z těchto druhů: { $count } (malá písmena, velká písmena, číslice, symboly).
js-mismatch = Obě nová hesla nejsou stejná. Zadejte nové heslo dvakrát.
js-never = nikdy
js-brand-default = Přístup k účtu
js-signed-out = Jste odhlášeni.
js-signed-in = Přihlášeno.
js-sign-in-failed = Přihlášení se nezdařilo.
js-enter-username-password = Zadejte uživatelské jméno a heslo.
js-recovery-label = Záložní kód
js-totp-label = Jednorázový kód
js-recovery-help = Jeden ze záložních kódů, které jste si uložili při nastavení dvoufázového přihlášení, například k7vq-2mxp-9d4h. Každý funguje jednou.
js-totp-help = Šestimístný kód, který pro tento účet zobrazuje vaše ověřovací aplikace.
js-use-app-code = Použít místo toho kód z aplikace
js-use-recovery = Použít záložní kód
js-recovery-wrong = Tento záložní kód není správný, nebo už byl použit. Každý kód funguje jednou.
js-forgot-help-username = Zadejte své uživatelské jméno. Pokud mu odpovídá nějaký účet, pošleme na jeho e-mail odkaz pro zvolení nového hesla.
js-forgot-help-both = Zadejte uživatelské jméno a e-mailovou adresu. Pokud obojí odpovídá nějakému účtu, pošleme mu odkaz pro zvolení nového hesla.
js-forgot-help-email = Zadejte svou e-mailovou adresu. Pokud jí odpovídá nějaký účet, pošleme mu odkaz pro zvolení nového hesla.
js-enter-username-email = Zadejte uživatelské jméno a e-mailovou adresu.
js-enter-email = Zadejte svou e-mailovou adresu.
js-enter-username = Zadejte své uživatelské jméno.
js-forgot-sent = Pokud nějaký účet odpovídá, poslali jsme odkaz k obnovení.
js-forgot-inbox = Podívejte se do doručené pošty (i do spamu). Odkaz funguje jednou a jeho platnost vyprší.
js-forgot-nothing = Žádný e-mail ani po několika minutách? Zkontrolujte, co jste zadali, nebo se obraťte na správce.
js-reset-ask-new = Vyžádejte si nový:
js-reset-request-link = vyžádat nový odkaz k obnovení
js-reset-incomplete = Tento odkaz je neúplný: chybí část za #. Otevřete celý odkaz z e-mailu, nebo si vyžádejte nový.
js-enter-new-password = Zadejte nové heslo.
js-reset-done = Vaše heslo bylo změněno. Nyní se jím můžete přihlásit.
js-sign-in = Přihlásit se
