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
mail-reset-intro-admin = { $who }, správce { $tenant }, vám poslal tento odkaz, abyste si zvolili nové heslo pro { $username }. Dokud to neuděláte, platí vaše současné heslo.
mail-reset-intro-bulk = { $who }, správce { $tenant }, požádal lidi v { $tenant }, mezi nimi i vás, aby si zvolili nové heslo pro { $username }. Dokud to neuděláte, platí vaše současné heslo.
mail-reset-intro-support = Podpora platformy { $tenant } vám kvůli požadavku { $who } poslala tento odkaz, abyste si zvolili nové heslo pro { $username }. Dokud to neuděláte, platí vaše současné heslo.
mail-reset-validity = Odkaz funguje jednou. Doba platnosti: { $duration }.
mail-reset-button = Zvolit nové heslo

mail-activation-subject = Aktivujte svůj účet v { $tenant }
mail-activation-intro = V { $tenant } pro vás byl založen účet s uživatelským jménem { $username }. Zvolte si heslo pomocí odkazu níže.
mail-activation-intro-admin = { $who }, správce { $tenant }, pro vás založil účet s uživatelským jménem { $username }. Heslo si zvolte odkazem níže.
mail-activation-button = Zvolit heslo

mail-contact-admin-subject = K vašemu heslu v { $tenant }
mail-contact-admin-intro = Někdo požádal o obnovení hesla účtu { $username } v { $tenant }.
mail-contact-admin-body = Heslo tohoto účtu nelze obnovit e-mailem. Obraťte se prosím na svého správce. Pokud jste o nic nežádali, tento e-mail ignorujte.

mail-elsewhere-subject = Byl vám odeslán odkaz k heslu v { $tenant }
mail-elsewhere-intro = Správce { $tenant } odeslal odkaz pro nastavení hesla účtu { $username } na jinou e-mailovou adresu.
mail-elsewhere-body = Pokud jste to nečekali, obraťte se na svého správce.

mail-locked-subject = Váš účet v { $tenant } byl zablokován
mail-locked-intro = Do účtu { $username } v { $tenant } bylo příliš mnoho neúspěšných pokusů o přihlášení, proto je účet prozatím zablokován pro všechny.
mail-locked-body = Odblokujte ho odkazem níže: heslo zůstane stejné a přihlášení ho bude dál vyžadovat (i váš druhý faktor). Pokud neúspěšná přihlášení nebyla vaše, někdo možná hádá vaše heslo: po přihlášení ho změňte.
mail-locked-button = Odblokovat účet

mail-email-changed-subject = E-mailová adresa vašeho účtu v { $tenant } byla změněna
mail-email-changed-intro = Správce { $tenant } změnil e-mailovou adresu účtu { $username } na { $address }. Odkazy k obnovení hesla nyní chodí tam a odkazy odeslané před změnou už nefungují.
mail-email-changed-body = Pokud jste to nečekali, ihned se obraťte na svého správce.

mail-expiry-subject = Platnost vašeho hesla v { $tenant } vyprší za { $duration }
mail-expiry-intro = Platnost hesla účtu { $username } v { $tenant } vyprší za { $duration }. Potom si při příštím přihlášení budete muset nejdřív zvolit nové heslo.
mail-expiry-body = Zvolte si nové heslo hned: přihlaste se odkazem níže a změňte heslo na stránce svého účtu. Pokud jste to nečekali, obraťte se na svého správce.
mail-expiry-button = Změnit heslo

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

mail-change-by-self = Změnu provedl někdo přihlášený k účtu { $username } nebo pomocí odkazu zaslaného na jeho e-mailovou adresu.
mail-change-by-admin = Změnu provedl { $who }, správce { $tenant }.
mail-change-by-bulk = Změnu provedl { $who }, správce { $tenant }, v rámci změny mnoha účtů.
mail-change-by-support = Změnu provedla podpora platformy { $tenant } kvůli požadavku { $who }.
mail-report-hint = Pokud jste tuto změnu neprovedli ani nečekali, použijte odkaz níže: přihlášení k účtu { $username } se ihned zastaví, všechny relace se odhlásí a správci { $tenant } dostanou zprávu. Odkaz funguje jednou. Doba platnosti: { $duration }.
mail-report-button = To jsem nebyl(a) já

mail-reported-subject = Účet { $username } v { $tenant } nahlásil změnu, kterou neprovedl
mail-reported-intro = Vlastník účtu { $username } v { $tenant } uvedl, že nedávnou změnu účtu neprovedl („To jsem nebyl(a) já“).
mail-reported-what-password = Změna se týkala hesla účtu.
mail-reported-what-mfa = Změna se týkala dvoufázového přihlášení účtu.
mail-reported-what-email = Změna se týkala e-mailové adresy účtu.
mail-reported-what-recovery = Hlášení se týká přihlášení jedním ze záložních kódů účtu.
mail-reported-body = Přihlášení k účtu { $username } je zastaveno, jeho relace jsou odhlášeny a jeho odkazy už nefungují. Tak to zůstane, dokud nebude nastaveno nové heslo: projděte nedávné události účtu v auditním protokolu a pak mu pošlete odkaz pro obnovení hesla nebo nastavte heslo.

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
page-support-heading = Potřebujete pomoc?
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
page-unlock-title = Odblokování účtu
page-unlock-intro = Váš účet byl zablokován po příliš mnoha neúspěšných přihlášeních. Odblokování nemění vaše heslo: přihlašujete se jím (a druhým faktorem) jako dosud.
page-unlock-submit = Odblokovat můj účet
page-request-new-link = Vyžádat nový odkaz
page-report-title = Nahlásit změnu, kterou jste neprovedli
page-report-intro = Poslali jsme vám e-mail o změně vašeho účtu: nové heslo, zapnuté nebo vypnuté dvoufázové přihlášení, nová e-mailová adresa nebo přihlášení záložním kódem. Pokud jste to nebyli vy, může se k vašemu účtu možná přihlásit někdo jiný.
page-report-what = Když změnu nahlásíte:
page-report-what-sign-in = Přihlašování k vašemu účtu se ihned zastaví, dokud ho správce neobnoví nebo dokud nezvolíte nové heslo přes odkaz.
page-report-what-sessions = Všechna zařízení přihlášená k vašemu účtu se odhlásí a dříve odeslané odkazy přestanou fungovat.
page-report-what-admins = Správci vaší organizace dostanou zprávu, aby to mohli prověřit.
page-report-yours = Pokud jste změnu provedli vy, nemusíte nic dělat: stačí tuto stránku zavřít.
page-report-confirm = Provedl tuto změnu někdo jiný?
page-report-submit = Ano, nahlásit: to jsem nebyl(a) já
page-sessions-title = Vaše relace
page-sessions-help = Kde je váš účet právě přihlášen. Pokud některou relaci nepoznáváte, odhlaste ji a změňte si heslo.
page-sessions-others = Odhlásit všude jinde

## Pages: the account page and the admin console

page-nav-label = Stránky
page-loading = Načítání…
page-sign-out = Odhlásit se
page-current-password = Současné heslo
page-change-password = Změnit heslo
page-role = Role
page-mfa = Dvoufázové přihlášení
page-language-default = Výchozí jazyk organizace
page-account-title = Váš účet
page-account-loading = Načítáme váš účet…
page-forced-intro = Správce vám přidělil dočasné heslo. Abyste mohli pokračovat, zvolte si vlastní heslo.
page-forced-current-help = Dočasné heslo, kterým jste se právě přihlásili.
page-enrol-required = Vaše organizace vyžaduje pro váš účet dvoufázové přihlášení. Abyste mohli pokračovat, nastavte ho níže: do té doby můžete jen toto, změnit heslo nebo se odhlásit.
page-codes-left = Zbývající záložní kódy
page-password-changed = Heslo změněno
page-account-language = Jazyk vašich stránek a e-mailů
page-account-language-help = „Výchozí jazyk organizace“ se řídí jazykem vašeho prohlížeče, potom jazykem vaší organizace.
page-account-language-save = Uložit jazyk
page-mfa-on = Dvoufázové přihlášení je zapnuté. Každé přihlášení si vyžádá kód z vaší ověřovací aplikace.
page-codes-title = Vaše záložní kódy
page-codes-save = Uložte si tyto kódy na bezpečné místo, ne do telefonu.
page-codes-once = Zobrazují se jen tentokrát.
page-codes-use = Pokud přijdete o ověřovací aplikaci, každý kód vás jednou přihlásí místo kódu z aplikace.
page-codes-copy = Kopírovat
page-codes-download = Stáhnout
page-codes-done = Kódy mám uložené
page-regen-title = Nové záložní kódy
page-regen-help = { $count ->
    [one] Vytvoří { $count } nový kód; staré okamžitě přestanou fungovat.
    [few] Vytvoří { $count } nové kódy; staré okamžitě přestanou fungovat.
   *[other] Vytvoří { $count } nových kódů; staré okamžitě přestanou fungovat.
}
page-code-or-recovery = Kód z aplikace nebo záložní kód
page-mfa-off-title = Vypnout dvoufázové přihlášení
page-mfa-off-help = Odebere vaši ověřovací aplikaci i záložní kódy. K přihlášení pak stačí jen heslo a vaše ostatní zařízení budou odhlášena.
page-mfa-intro = Chraňte svůj účet kromě hesla i kódem z ověřovací aplikace (například Google Authenticator, Microsoft Authenticator nebo 1Password).
page-mfa-setup = Nastavit dvoufázové přihlášení
page-mfa-scan = 1. Naskenujte tento kód ověřovací aplikací
page-mfa-key = Nebo do aplikace zadejte tento klíč:
page-mfa-enter = 2. Zadejte kód, který aplikace zobrazí
page-mfa-turn-on = Zapnout dvoufázové přihlášení
page-admin-title = Konzole správce
page-admin-users = Uživatelé
page-admin-audit = Protokol událostí
page-admin-settings-nav = Nastavení
page-admin-denied = Tato konzole je určena správcům vaší organizace.
page-admin-go-account = Přejít na váš účet
page-admin-mfa-note = Vaše organizace vyžaduje dvoufázové přihlášení u správců, kteří posílají odkazy k obnovení nebo nastavují hesla, a vy ho nemáte zapnuté, proto se obnovení odmítá.
page-admin-mfa-note-link = Nastavte si dvoufázové přihlášení na stránce svého účtu
page-admin-search-label = Uživatelské jméno nebo e-mail začíná na
page-admin-search = Hledat
page-admin-next-page = Další stránka
page-admin-bulk-reset-mfa = Při použití každého odkazu obnovit i dvoufázové přihlášení vybraných uživatelů
page-admin-bulk-send = Poslat odkazy k obnovení vybraným uživatelům
page-admin-link-title = Poslat odkaz k obnovení
page-admin-link-help = Uživatel si zvolí nové heslo; staré do té doby dál funguje. U uživatele, který ještě není aktivovaný, je to aktivační odkaz.
page-admin-link-recipient = Poslat na jinou adresu (nepovinné)
page-admin-link-reset-mfa = Při použití odkazu obnovit i dvoufázové přihlášení (uživatel přišel i o ověřovací aplikaci)
page-admin-set-title = Nastavit heslo
page-admin-set-help = Jen když uživatel nemůže přijímat e-maily. Staré heslo okamžitě přestane fungovat a uživatel bude všude odhlášen.
page-admin-set-temporary = Dočasné: uživatel si musí při příštím přihlášení zvolit nové heslo
page-admin-set-reset-mfa = Obnovit i dvoufázové přihlášení (uživatel přišel i o ověřovací aplikaci)
page-admin-set-submit = Nastavit heslo
page-admin-mfa-reset-title = Obnovit dvoufázové přihlášení
page-admin-mfa-reset-help = Pro uživatele, který přišel o ověřovací aplikaci: jeho aplikace a záložní kódy se odeberou, bude všude odhlášen a dostane e-mail a do nového nastavení se přihlašuje jen heslem.
page-admin-mfa-reset-reason = Důvod (nepovinné, uloží se do protokolu událostí)
page-admin-flags-title = Nastavení účtu
page-admin-status = Stav
page-admin-status-active = Povolený (aktivní)
page-admin-status-disabled = Zakázaný
page-admin-status-pending = Čeká na aktivaci
page-admin-user-language = Jazyk stránek a e-mailů
page-admin-user-language-help = „Výchozí jazyk organizace“ se řídí prohlížečem uživatele, potom výchozím jazykem v nastavení vzhledu.
page-admin-flag-cannot-change = Nesmí měnit heslo
page-admin-flag-must-change = Musí při příštím přihlášení změnit heslo
page-admin-flags-save = Uložit nastavení účtu
page-admin-create-title = Vytvořit uživatele
page-admin-email-optional = E-mail (nepovinné)
page-admin-role-user = Uživatel
page-admin-send-activation = Poslat aktivační e-mail
page-admin-audit-order = Nejnovější nahoře.
page-admin-audit-outcome = Výsledek
page-admin-audit-more = Starší události
page-admin-settings-title = Nastavení organizace
page-admin-policy = Pravidla pro hesla
page-admin-min-length = Minimální délka
page-admin-max-length = Maximální délka
page-admin-history = Předchozí hesla, která nelze znovu použít
page-admin-classes = Požadované druhy znaků (0 až 4)
page-admin-block-common = Odmítat běžná hesla
page-admin-block-context = Odmítat hesla obsahující uživatelské jméno, e-mail nebo název organizace
page-admin-links = Odkazy k obnovení a relace
page-admin-identifier = Formulář zapomenutého hesla se ptá na
page-admin-identifier-both = Uživatelské jméno a e-mail
page-admin-link-ttl = Platnost odkazu k obnovení (minuty)
page-admin-admin-ttl = Platnost odkazu od správce (hodiny)
page-admin-session-ttl = Délka relace (minuty)
page-admin-self-admins = Správci si smějí obnovit vlastní heslo e-mailem
page-admin-mfa-admins = Správci potřebují k obnovení hesel ostatních dvoufázové přihlášení
page-admin-mfa-required = Dvoufázové přihlášení je povinné pro
page-admin-mfa-required-help = Koho se to týká a nemá ho nastavené, bude po přihlášení převeden k nastavení a do té doby nemůže dělat nic jiného.
page-admin-mfa-none = Nikoho (každý se rozhodne sám)
page-admin-mfa-admins-owners = Správce a vlastníky
page-admin-mfa-everyone = Všechny
page-admin-settings-save = Uložit nastavení
page-brand-title = Vzhled a jazyk
page-brand-intro = Jak vašim uživatelům vypadají stránky přihlášení, obnovení hesla a účtu i každý e-mail a jakým jazykem mluví, když prohlížeč čtenáře nežádá žádný z našich jazyků.
page-brand-name = Zobrazovaný název
page-brand-name-help = Zobrazuje se v záhlaví stránek a v e-mailech místo názvu organizace (nejvýše 64 znaků).
page-brand-color = Barva
page-brand-color-help = Barva záhlaví stránek, tlačítek a e-mailů jako # a šest šestnáctkových číslic. Bílý text na ní musí být čitelný (kontrast podle WCAG AA alespoň 4,5:1); nechte prázdné pro standardní modrou.
page-brand-color-pick = Vybrat barvu
page-brand-support = Kontakt na podporu
page-brand-support-help = E-maily a stránky vašim uživatelům řeknou, na koho se obrátit o pomoc. Každý údaj je nepovinný.
page-brand-support-email = E-mailová adresa
page-brand-support-phone = Telefon
page-brand-support-url = Webová adresa (https://…)
page-brand-from = Jméno odesílatele e-mailů
page-brand-from-help = Jméno, které vaši uživatelé vidí jako odesílatele; adresa zůstává adresou služby.
page-brand-locale = Výchozí jazyk
page-brand-locale-help = Pro čtenáře, jejichž prohlížeč nežádá žádný z těchto jazyků, a pro e-maily uživatelům, kteří si jazyk nezvolili.
page-brand-save = Uložit vzhled
page-logo-title = Logo
page-logo-help = Obrázek PNG, JPEG nebo WebP o velikosti nejvýše 64 KiB, zobrazený v záhlaví stránek a v e-mailech.
page-logo-none = Zatím žádné logo.
page-logo-current = Současné logo
page-logo-file = Soubor s obrázkem
page-logo-upload = Nahrát logo

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
js-error-invalid_settings = Některá nastavení jsou mimo povolený rozsah.
js-field-range = { $field }: od { $min } do { $max }.
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
js-policy-history = se lišit od současného hesla a od posledních hesel (počet: { $count }).
js-policy-common = nebýt často používaným heslem.
js-policy-context = neobsahovat vaše uživatelské jméno, e-mailovou adresu ani název organizace.
js-policy-classes = obsahovat aspoň tolik z těchto druhů: { $count } (malá písmena, velká písmena, číslice, symboly).
js-mismatch = Obě nová hesla nejsou stejná. Zadejte nové heslo dvakrát.
js-policy-min = mít nejméně { $min } znaků.
js-policy-max = mít nejvýše { $max } znaků.
js-policy-match = být v obou polích zadáno stejně.
js-policy-breached = nevyskytovat se ve známých únicích dat.
js-policy-on-save = (ověří se při uložení)
js-policy-met = Splněno:
js-policy-unmet = Zatím nesplněno:
js-lockout-paused = Příliš mnoho pokusů. Z bezpečnostních důvodů je přihlašování pozastaveno do { $time }.
js-lockout-countdown = Zbývající čas do dalšího pokusu: { $span }.
js-lockout-over = Nyní to můžete zkusit znovu.
js-support-intro-tenant = Máte otázky ke svému účtu? Obraťte se na { $tenant }:
js-support-intro = Máte otázky ke svému účtu? Obraťte se na podporu své organizace:
js-support-email = E-mail
js-support-phone = Telefon
js-support-web = Web
js-support-pointer = Potřebujete pomoc hned? Podívejte se, na koho se obrátit.
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
js-unlock-done = Váš účet je odblokován. Přihlaste se svým heslem.
js-unlock-incomplete = Tento odkaz pro odblokování je neúplný: chybí část za #. Otevřete celý odkaz z e-mailu.
js-sign-in = Přihlásit se
js-report-incomplete = Tento odkaz je neúplný: chybí část za #. Otevřete celý odkaz z e-mailu.
js-report-done = Nahlášeno. Přihlašování k vašemu účtu je nyní vypnuto.
js-report-done-sessions = Všechna zařízení přihlášená k vašemu účtu byla odhlášena a dříve odeslané odkazy už nefungují. Správci vaší organizace dostali zprávu.
js-report-done-restore = Přihlašování se obnoví, až ho obnoví správce, nebo až si zvolíte nové heslo přes odkaz zaslaný na vaši e-mailovou adresu.
js-report-choose-password = Zvolit nové heslo hned teď
js-report-ask-admin = Máte otázky? Obraťte se na správce své organizace.
js-report-invalid = Platnost tohoto odkazu vypršela nebo už byl použit, takže se nic nezměnilo. Pokud si stále myslíte, že váš účet změnil někdo jiný, obraťte se na podporu své organizace.
js-continue-to = Pokračovat: { $tenant }
js-continue = Pokračovat
js-forced-intro = Abyste mohli pokračovat, zvolte nové heslo.
js-forced-intro-temporary_password = Správce vám přidělil dočasné heslo. Abyste mohli pokračovat, zvolte si vlastní heslo.
js-forced-intro-admin_requested = Správce vás žádá, abyste si před pokračováním zvolili nové heslo.
js-forced-intro-expired = Platnost vašeho hesla vypršela: vaše organizace čas od času žádá nové. Abyste mohli pokračovat, zvolte nové heslo.
js-forced-current-help = Heslo, kterým jste se právě přihlásili.
js-forced-current-help-temporary_password = Dočasné heslo, kterým jste se právě přihlásili.
js-forced-current-now = Z bezpečnostních důvodů zadejte ještě jednou heslo, kterým jste se přihlásili: od přihlášení už uběhla nějaká doba.
js-error-password_too_recent = Vaše heslo bylo nedávno změněno. Vaše organizace žádá, abyste s další změnou chvíli počkali.
js-password-too-recent = Vaše heslo bylo nedávno změněno. Vaše organizace povoluje další změnu od { $time }.
js-violation-missing_letter_or_digit = Použijte alespoň jedno písmeno a jednu číslici.
js-violation-too_short-without-mfa = Použijte alespoň tento počet znaků: { $min }; pokud váš účet nemá dvoufázové přihlášení: { $single }.
js-policy-min-without-mfa = mít nejméně { $min } znaků, pokud váš účet nemá dvoufázové přihlášení.
js-policy-letter-digit = obsahovat alespoň jedno písmeno a jednu číslici.
js-session-unknown-device = Neznámý prohlížeč
js-session-browser-on = { $browser } v systému { $system }
js-session-this-device = Toto zařízení
js-session-ip = IP adresa: { $ip }
js-session-unknown-ip = neznámá
js-session-last-used = Naposledy použito: { $time }
js-session-signed-in = Přihlášeno: { $time }
js-session-sign-out = Odhlásit
js-session-sign-out-named = Odhlásit { $device } ({ $ip })
js-session-signed-out = Relace { $device } byla odhlášena.
js-sessions-others-done = Byli jste odhlášeni všude jinde. Přihlášené zůstává jen toto zařízení.

## Page script messages of the account page and the admin console (`-one`:
## 1, `-few`: 2 to 4, `-other`: 0 and 5 and more; see en.ftl)

js-none = žádný
js-on = Zapnuto
js-off = Vypnuto
js-role-user = Uživatel
js-role-admin = Správce
js-role-owner = Vlastník
js-status-active = Aktivní
js-status-disabled = Zakázaný
js-status-pending_activation = Čeká na aktivaci
js-account-title = Váš účet
js-enrol-title = Nastavte dvoufázové přihlášení
js-codes-none = Nemáte žádné záložní kódy. Vytvořte si nové, abyste se mohli přihlásit, i když přijdete o telefon.
js-codes-low-one = Zbývá už jen { $count } záložní kód. Vytvořte si nové, než vám dojdou.
js-codes-low-few = Zbývají už jen { $count } záložní kódy. Vytvořte si nové, než vám dojdou.
js-codes-low-other = Zbývá už jen { $count } záložních kódů. Vytvořte si nové, než vám dojdou.
js-enter-current-password = Zadejte své současné heslo.
js-forced-done = Vaše heslo bylo změněno. Jste přihlášeni.
js-change-done = Vaše heslo bylo změněno. Ostatní zařízení přihlášená k vašemu účtu byla odhlášena.
js-enter-app-code = Zadejte šestimístný kód, který zobrazuje vaše aplikace.
js-mfa-on-done = Dvoufázové přihlášení je zapnuté. Od teď si přihlášení vyžádá kód z vaší aplikace.
js-mfa-on-unlocked = Nyní můžete svůj účet používat.
js-codes-file-title = Záložní kódy pro { $username } ({ $date })
js-codes-file-title-tenant = Záložní kódy pro { $username } v { $tenant } ({ $date })
js-codes-file-help = Každý kód vás jednou přihlásí místo kódu z ověřovací aplikace.
js-codes-copied = Kódy jsou zkopírované. Vložte je do správce hesel nebo do souboru, který máte v bezpečí.
js-codes-copy-blocked = Kopírování tu není povolené: kódy jsou označené, zkopírujte je klávesami Ctrl+C (nebo ⌘C).
js-codes-saved-one = Záložní kódy jsou uložené. Zbývá vám { $count } kód.
js-codes-saved-few = Záložní kódy jsou uložené. Zbývají vám { $count } kódy.
js-codes-saved-other = Záložní kódy jsou uložené. Zbývá vám { $count } kódů.
js-enter-code-or-recovery = Zadejte kód z ověřovací aplikace nebo záložní kód.
js-mfa-code-wrong = Tento kód není správný. Zadejte aktuální kód z aplikace nebo nepoužitý záložní kód.
js-regen-done = Nové záložní kódy jsou vytvořené. Staré už nefungují.
js-mfa-off-done = Dvoufázové přihlášení je vypnuté. K přihlášení teď stačí jen heslo; vaše ostatní zařízení byla odhlášena.
js-qr-label = QR kód pro přidání tohoto účtu do ověřovací aplikace
js-language-saved = Nastavení jazyka bylo uloženo.
js-whoami = Přihlášený uživatel: { $username } ({ $role }).
js-users-none = Žádní odpovídající uživatelé.
js-users-shown-one = Zobrazen { $count } uživatel.
js-users-shown-few = Zobrazeni { $count } uživatelé.
js-users-shown-other = Zobrazeno { $count } uživatelů.
js-users-matching-one = Zobrazen { $count } uživatel začínající na „{ $q }“.
js-users-matching-few = Zobrazeni { $count } uživatelé začínající na „{ $q }“.
js-users-matching-other = Zobrazeno { $count } uživatelů začínajících na „{ $q }“.
js-badge-must-change = Musí změnit heslo
js-badge-may-not-change = Nesmí měnit heslo
js-badge-directory = Adresář: { $source }
js-badge-no-email = Bez e-mailu
js-badge-email-bounced = E-mail nedoručitelný
js-badge-email-complained = E-mail označen jako spam
js-email-bounced = nedoručitelný
js-email-complained = označen jako spam
js-email-with-status = { $email } ({ $status })
js-no-email = bez e-mailu
js-bulk-send = Poslat odkazy k obnovení vybraným uživatelům
js-bulk-send-one = Poslat odkaz k obnovení { $count } vybranému uživateli
js-bulk-send-few = Poslat odkazy k obnovení { $count } vybraným uživatelům
js-bulk-send-other = Poslat odkazy k obnovení { $count } vybraným uživatelům
js-bulk-line-sent = { $name }: odkaz odeslán
js-bulk-line-not-found = { $name }: nenalezen
js-bulk-line-skipped = { $name }: přeskočen, { $reason }
js-bulk-result-one = Odesláno { $sent } z { $count } odkazu.
js-bulk-result-few = Odesláno { $sent } z { $count } odkazů.
js-bulk-result-other = Odesláno { $sent } z { $count } odkazů.
js-bulk-mfa-note = Dvoufázové přihlášení se odebere při použití každého odkazu.
js-skip-no_email = chybí e-mailová adresa
js-skip-email_undeliverable = pošta na tuto adresu se vrátila nebo byla označena jako spam
js-skip-externally_managed = spravuje ho adresář (LDAP nebo Entra ID)
js-skip-account_disabled = účet je zakázaný
js-skip-forbidden = tento účet nesmíte obnovit
js-skip-duplicate = uveden dvakrát
js-skip-not_found = takový uživatel neexistuje
js-skip-other = nesplňuje podmínky
js-fact-email = E-mail
js-fact-role = Role
js-fact-status = Stav
js-fact-mfa = Dvoufázové přihlášení
js-fact-source = Zdroj
js-fact-password-changed = Heslo změněno
js-fact-permissions = Oprávnění
js-fact-language = Jazyk
js-source-local = Místní
js-source-ldap = LDAP
js-source-entra_id = Entra ID
js-permission-users_read = zobrazit uživatele
js-permission-users_manage = spravovat uživatele
js-permission-passwords_reset = posílat odkazy k obnovení
js-permission-passwords_set = nastavovat hesla
js-permission-audit_read = číst protokol událostí
js-permission-mfa_reset = obnovovat dvoufázové přihlášení
js-language-default = Výchozí jazyk organizace
js-link-sent = Odkaz k obnovení byl odeslán na { $to }. Platí do { $time }.
js-link-sent-user = Odkaz k obnovení byl odeslán uživateli. Platí do { $time }.
js-link-mfa-note = Dvoufázové přihlášení se odebere při použití odkazu; do té doby zůstává zapnuté.
js-enter-the-new-password = Zadejte nové heslo.
js-temporary-set = Dočasné heslo je nastavené. Sdělte ho uživateli cestou, které důvěřujete; při přihlášení si musí zvolit nové.
js-password-set = Heslo je nastavené. Uživatel byl všude odhlášen.
js-mfa-reset-too = Obnoveno bylo i dvoufázové přihlášení.
js-nothing-changed = Nic se nezměnilo.
js-flags-saved = Nastavení účtu je uložené.
js-mfa-reset-done = Dvoufázové přihlášení uživatele { $username } je obnovené. Uživatel byl všude odhlášen a dostal e-mail; může se přihlásit jen heslem a znovu si ho nastavit.
js-enter-a-username = Zadejte uživatelské jméno.
js-activation-needs-email = Aktivační e-mail potřebuje e-mailovou adresu. Doplňte ji, nebo zrušte zaškrtnutí „Poslat aktivační e-mail“.
js-user-created-activation = Uživatel { $username } byl vytvořen; aktivační odkaz byl odeslán.
js-user-created = Uživatel { $username } byl vytvořen. Aktivujete ho odesláním odkazu k obnovení nebo nastavením hesla.
js-audit-empty = Zatím žádné události.
js-outcome-success = úspěch
js-outcome-failure = neúspěch
js-outcome-refused = odmítnuto
js-settings-saved = Nastavení je uložené.
js-brand-saved = Vzhled je uložený. Stránky a e-maily ho od teď používají.
js-brand-name = Zobrazovaný název musí být jméno o nejvýše 64 znacích, bez < > @ " a řídicích znaků.
js-brand-from = Jméno odesílatele musí být jméno o nejvýše 64 znacích, bez < > @ " a řídicích znaků.
js-brand-color-format = Zapište barvu jako # a šest šestnáctkových číslic, například #0b5394.
js-brand-color-contrast = Tato barva je příliš světlá: bílý text na ní by byl špatně čitelný (pod kontrastem 4,5:1 podle WCAG AA). Zvolte tmavší.
js-brand-support-email = E-mailová adresa podpory není platná, nebo je příliš dlouhá.
js-brand-support-phone = Telefonní číslo podpory smí obsahovat jen číslice, mezery a + - ( ) . (nejvýše 40 znaků).
js-brand-support-url = Webová adresa podpory musí začínat https:// nebo http:// (nejvýše 2000 znaků).
js-logo-saved = Logo je nahrané. Stránky a e-maily ho od teď zobrazují.
js-logo-choose = Nejprve vyberte soubor s obrázkem.
js-logo-too-big = Soubor je větší než 64 KiB.
js-logo-type = Soubor není obrázek PNG, JPEG ani WebP (SVG se nepřijímá).
js-logo-unreadable = Data obrázku nelze přečíst.
js-logo-dimensions = Obrázek musí mít na každé straně 1 až 4096 pixelů.
