# Latchkey, français.

## Durations and counts

duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-hours = { $count ->
    [one] { $count } heure
   *[other] { $count } heures
}
duration-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}

## Emails: shared parts

mail-support-heading = Des questions ? Contactez { $tenant } :
mail-support-email = E-mail : { $address }
mail-support-phone = Téléphone : { $address }
mail-support-url = Web : { $address }
mail-automatic = Ce message a été envoyé automatiquement par { $tenant }. Merci de ne pas y répondre.
mail-link-hint = Ouvrez ce lien dans votre navigateur :

## Emails: one block per kind

mail-reset-subject = Réinitialisez votre mot de passe { $tenant }
mail-reset-intro = Quelqu'un a demandé la réinitialisation du mot de passe de { $username } chez { $tenant }. Si c'était vous, choisissez un nouveau mot de passe avec le lien ci-dessous. Sinon, ignorez cet e-mail : votre mot de passe reste inchangé.
mail-reset-intro-admin = { $who }, administrateur de { $tenant }, vous a envoyé ce lien pour choisir un nouveau mot de passe pour { $username }. Votre mot de passe actuel fonctionne jusque-là.
mail-reset-intro-bulk = { $who }, administrateur de { $tenant }, a demandé aux personnes de { $tenant }, dont vous, de choisir un nouveau mot de passe pour { $username }. Votre mot de passe actuel fonctionne jusque-là.
mail-reset-intro-support = Le support de la plateforme de { $tenant } vous a envoyé ce lien, pour la demande { $who }, afin de choisir un nouveau mot de passe pour { $username }. Votre mot de passe actuel fonctionne jusque-là.
mail-reset-validity = Le lien fonctionne une seule fois et reste valable { $duration }.
mail-reset-button = Choisir un nouveau mot de passe

mail-activation-subject = Activez votre compte { $tenant }
mail-activation-intro = Un compte avec le nom d'utilisateur { $username } a été créé pour vous chez { $tenant }. Choisissez un mot de passe avec le lien ci-dessous.
mail-activation-intro-admin = { $who }, administrateur de { $tenant }, a créé pour vous un compte avec le nom d'utilisateur { $username }. Choisissez un mot de passe avec le lien ci-dessous.
mail-activation-button = Choisir votre mot de passe

mail-contact-admin-subject = À propos de votre mot de passe { $tenant }
mail-contact-admin-intro = Quelqu'un a demandé la réinitialisation du mot de passe de { $username } chez { $tenant }.
mail-contact-admin-body = Le mot de passe de ce compte ne peut pas être réinitialisé par e-mail. Veuillez contacter votre administrateur. Si vous n'avez rien demandé, ignorez cet e-mail.

mail-elsewhere-subject = Un lien de mot de passe { $tenant } a été envoyé pour vous
mail-elsewhere-intro = Un administrateur de { $tenant } a envoyé un lien pour définir le mot de passe de { $username } à une autre adresse e-mail.
mail-elsewhere-body = Si vous ne vous y attendiez pas, contactez votre administrateur.

mail-locked-subject = Votre compte { $tenant } a été verrouillé
mail-locked-intro = Il y a eu trop d'échecs de connexion au compte { $username } chez { $tenant } : le compte est donc verrouillé pour tout le monde pour le moment.
mail-locked-body = Déverrouillez-le avec le lien ci-dessous : votre mot de passe ne change pas, et la connexion le demande toujours (ainsi que votre second facteur). Si ces échecs ne venaient pas de vous, quelqu'un essaie peut-être de deviner votre mot de passe : changez-le une fois connecté.
mail-locked-button = Déverrouiller votre compte

mail-email-changed-subject = L'adresse e-mail de votre compte { $tenant } a été modifiée
mail-email-changed-intro = Un administrateur de { $tenant } a remplacé l'adresse e-mail de { $username } par { $address }. Les liens de réinitialisation y sont désormais envoyés, et les liens envoyés avant la modification ne fonctionnent plus.
mail-email-changed-body = Si vous ne vous y attendiez pas, contactez immédiatement votre administrateur.

mail-expiry-subject = Votre mot de passe { $tenant } expire dans { $duration }
mail-expiry-intro = Le mot de passe de { $username } chez { $tenant } expire dans { $duration }. Ensuite, la prochaine connexion demandera d'abord un nouveau mot de passe.
mail-expiry-body = Choisissez-en un nouveau dès maintenant : connectez-vous avec le lien ci-dessous et changez votre mot de passe sur la page de votre compte. Si vous ne vous y attendiez pas, contactez votre administrateur.
mail-expiry-button = Changer votre mot de passe

mail-recovery-used-subject = Un code de récupération a été utilisé pour votre compte { $tenant }
mail-recovery-used-intro = Quelqu'un vient de se connecter au compte { $username } chez { $tenant } avec un code de récupération. { $count ->
    [one] Il vous reste { $count } code ; chacun fonctionne une seule fois.
   *[other] Il vous reste { $count } codes ; chacun fonctionne une seule fois.
}
mail-recovery-used-body = Si ce n'était pas vous, réinitialisez votre mot de passe et contactez immédiatement votre administrateur. Si vous avez perdu votre application d'authentification, configurez-en une nouvelle et créez de nouveaux codes de récupération.

mail-mfa-on-subject = La connexion en deux étapes a été activée pour votre compte { $tenant }
mail-mfa-on-intro = La connexion en deux étapes vient d'être activée pour { $username } chez { $tenant }. Toutes les autres sessions ont été déconnectées.
mail-mfa-off-subject = La connexion en deux étapes a été désactivée pour votre compte { $tenant }
mail-mfa-off-intro = La connexion en deux étapes vient d'être désactivée pour { $username } chez { $tenant }. Toutes les autres sessions ont été déconnectées.
mail-mfa-body = Si ce n'était pas vous, réinitialisez votre mot de passe et contactez immédiatement votre administrateur.

mail-changed-subject = Votre mot de passe { $tenant } a été modifié
mail-changed-intro = Le mot de passe de { $username } chez { $tenant } vient d'être modifié. Toutes les autres sessions ont été déconnectées.
mail-changed-body = Si ce n'était pas vous, contactez immédiatement votre administrateur.

mail-change-by-self = La modification a été faite par une personne connectée à { $username }, ou avec un lien envoyé à son adresse e-mail.
mail-change-by-admin = La modification a été faite par { $who }, administrateur de { $tenant }.
mail-change-by-bulk = La modification a été faite par { $who }, administrateur de { $tenant }, dans le cadre d'une modification de nombreux comptes.
mail-change-by-support = La modification a été faite par le support de la plateforme de { $tenant }, pour la demande { $who }.
mail-report-hint = Si vous n'avez ni fait ni attendu cette modification, utilisez le lien ci-dessous : la connexion à { $username } est aussitôt bloquée, toutes les sessions sont déconnectées et les administrateurs de { $tenant } sont prévenus. Le lien fonctionne une seule fois et reste valable { $duration }.
mail-report-button = Ce n'était pas moi

mail-reported-subject = { $username } chez { $tenant } a signalé une modification qu'il n'a pas faite
mail-reported-intro = Le titulaire de { $username } chez { $tenant } a indiqué qu'une modification récente du compte n'était pas de son fait (« Ce n'était pas moi »).
mail-reported-what-password = La modification portait sur le mot de passe du compte.
mail-reported-what-mfa = La modification portait sur la connexion en deux étapes du compte.
mail-reported-what-email = La modification portait sur l'adresse e-mail du compte.
mail-reported-what-recovery = Le signalement porte sur une connexion avec l'un des codes de récupération du compte.
mail-reported-body = La connexion à { $username } est bloquée, ses sessions sont déconnectées et ses liens ne fonctionnent plus. Cela reste ainsi jusqu'à ce qu'un nouveau mot de passe soit défini : consultez les événements récents du compte dans le journal d'audit, puis envoyez-lui un lien de réinitialisation ou définissez un mot de passe.

## Pages: rendered into the HTML by the server

page-language-name = Français
page-language = Langue
page-brand-default = Accès au compte
page-index-intro = Connexion, réinitialisation du mot de passe et pages de compte, par organisation.
page-index-tenant = Identifiant de l'organisation
page-index-open = Ouvrir la page de connexion
page-index-pages = Pages :
page-sign-in-title = Se connecter
page-username = Nom d'utilisateur
page-password = Mot de passe
page-email = E-mail
page-totp = Code à usage unique
page-totp-help = Le code à 6 chiffres que votre application d'authentification affiche pour ce compte.
page-use-recovery = Utiliser un code de récupération
page-forgot-link = Mot de passe oublié ?
page-support-heading = Besoin d'aide ?
page-forgot-title = Mot de passe oublié
page-forgot-heading = Mot de passe oublié ?
page-forgot-help-email = Saisissez votre adresse e-mail. Si un compte correspond, nous lui envoyons un lien pour choisir un nouveau mot de passe.
page-forgot-submit = Envoyer le lien
page-back-to-sign-in = Retour à la connexion
page-reset-title = Choisir un nouveau mot de passe
page-reset-checking = Vérification de votre lien…
page-reset-account = Compte
page-reset-valid-until = Lien valable jusqu'au
page-new-password = Nouveau mot de passe
page-repeat-password = Répéter le nouveau mot de passe
page-reset-submit = Définir le nouveau mot de passe
page-unlock-title = Déverrouiller votre compte
page-unlock-intro = Votre compte a été verrouillé après trop d'échecs de connexion. Le déverrouiller ne change pas votre mot de passe : vous vous connectez avec (et avec votre second facteur) comme avant.
page-unlock-submit = Déverrouiller mon compte
page-request-new-link = Demander un nouveau lien

## Pages: the account page and the admin console

page-nav-label = Pages
page-loading = Chargement…
page-sign-out = Se déconnecter
page-current-password = Mot de passe actuel
page-change-password = Changer le mot de passe
page-role = Rôle
page-mfa = Connexion en deux étapes
page-language-default = Langue par défaut de l'organisation
page-account-title = Votre compte
page-account-loading = Chargement de votre compte…
page-forced-intro = Votre administrateur vous a donné un mot de passe temporaire. Choisissez votre propre mot de passe pour continuer.
page-forced-current-help = Le mot de passe temporaire avec lequel vous venez de vous connecter.
page-enrol-required = Votre organisation exige la connexion en deux étapes pour votre compte. Configurez-la ci-dessous pour continuer : d'ici là, vous pouvez seulement faire cela, changer votre mot de passe ou vous déconnecter.
page-codes-left = Codes de récupération restants
page-password-changed = Mot de passe modifié
page-account-language = Langue de vos pages et e-mails
page-account-language-help = « Langue par défaut de l'organisation » suit la langue de votre navigateur, puis celle de votre organisation.
page-account-language-save = Enregistrer la langue
page-mfa-on = La connexion en deux étapes est activée. Chaque connexion demande un code de votre application d'authentification.
page-codes-title = Vos codes de récupération
page-codes-save = Conservez ces codes en lieu sûr, ailleurs que sur votre téléphone.
page-codes-once = Ils ne sont affichés que cette fois.
page-codes-use = Si vous perdez votre application d'authentification, chaque code vous connecte une fois à la place d'un code de l'application.
page-codes-copy = Copier
page-codes-download = Télécharger
page-codes-done = J'ai enregistré mes codes
page-regen-title = Nouveaux codes de récupération
page-regen-help = { $count ->
    [one] Crée { $count } nouveau code ; les anciens cessent aussitôt de fonctionner.
   *[other] Crée { $count } nouveaux codes ; les anciens cessent aussitôt de fonctionner.
}
page-code-or-recovery = Code de votre application ou code de récupération
page-mfa-off-title = Désactiver la connexion en deux étapes
page-mfa-off-help = Supprime votre application d'authentification et vos codes de récupération. La connexion ne demande alors plus que votre mot de passe, et vos autres appareils sont déconnectés.
page-mfa-intro = Protégez votre compte avec un code d'une application d'authentification (par exemple Google Authenticator, Microsoft Authenticator ou 1Password) en plus de votre mot de passe.
page-mfa-setup = Configurer la connexion en deux étapes
page-mfa-scan = 1. Scannez ce code avec votre application d'authentification
page-mfa-key = Ou saisissez cette clé dans l'application :
page-mfa-enter = 2. Saisissez le code affiché par l'application
page-mfa-turn-on = Activer la connexion en deux étapes
page-admin-title = Console d'administration
page-admin-users = Utilisateurs
page-admin-audit = Journal d'audit
page-admin-settings-nav = Paramètres
page-admin-denied = Cette console est réservée aux administrateurs de votre organisation.
page-admin-go-account = Aller à votre compte
page-admin-mfa-note = Votre organisation exige la connexion en deux étapes pour les administrateurs qui envoient des liens de réinitialisation ou définissent des mots de passe, et la vôtre est désactivée : les réinitialisations sont donc refusées.
page-admin-mfa-note-link = Configurer la connexion en deux étapes sur la page de votre compte
page-admin-search-label = Nom d'utilisateur ou e-mail commençant par
page-admin-search = Rechercher
page-admin-next-page = Page suivante
page-admin-bulk-reset-mfa = Réinitialiser aussi la connexion en deux étapes des utilisateurs sélectionnés, à l'utilisation de chaque lien
page-admin-bulk-send = Envoyer des liens de réinitialisation aux utilisateurs sélectionnés
page-admin-link-title = Envoyer un lien de réinitialisation
page-admin-link-help = L'utilisateur choisit un nouveau mot de passe ; l'ancien fonctionne jusque-là. Pour un utilisateur pas encore activé, c'est le lien d'activation.
page-admin-link-recipient = Envoyer à une autre adresse (facultatif)
page-admin-link-reset-mfa = Réinitialiser aussi la connexion en deux étapes à l'utilisation du lien (l'utilisateur a aussi perdu son application d'authentification)
page-admin-set-title = Définir un mot de passe
page-admin-set-help = Uniquement si l'utilisateur ne peut pas recevoir d'e-mails. L'ancien mot de passe cesse aussitôt de fonctionner et l'utilisateur est déconnecté partout.
page-admin-set-temporary = Temporaire : l'utilisateur doit choisir un nouveau mot de passe à sa prochaine connexion
page-admin-set-reset-mfa = Réinitialiser aussi la connexion en deux étapes (l'utilisateur a aussi perdu son application d'authentification)
page-admin-set-submit = Définir le mot de passe
page-admin-mfa-reset-title = Réinitialiser la connexion en deux étapes
page-admin-mfa-reset-help = Pour un utilisateur qui a perdu son application d'authentification : son application et ses codes de récupération sont supprimés, il est déconnecté partout et prévenu par e-mail, et il se connecte avec son seul mot de passe jusqu'à ce qu'il la configure de nouveau.
page-admin-mfa-reset-reason = Motif (facultatif, conservé dans le journal d'audit)
page-admin-flags-title = Paramètres du compte
page-admin-status = État
page-admin-status-active = Activé (actif)
page-admin-status-disabled = Désactivé
page-admin-status-pending = En attente d'activation
page-admin-user-language = Langue des pages et e-mails
page-admin-user-language-help = « Langue par défaut de l'organisation » suit le navigateur de l'utilisateur, puis la langue par défaut des paramètres d'apparence.
page-admin-flag-cannot-change = Ne peut pas changer son mot de passe
page-admin-flag-must-change = Doit changer son mot de passe à la prochaine connexion
page-admin-flags-save = Enregistrer les paramètres du compte
page-admin-create-title = Créer un utilisateur
page-admin-email-optional = E-mail (facultatif)
page-admin-role-user = Utilisateur
page-admin-send-activation = Envoyer un e-mail d'activation
page-admin-audit-order = Les plus récents d'abord.
page-admin-audit-outcome = Résultat
page-admin-audit-more = Événements plus anciens
page-admin-settings-title = Paramètres de l'organisation
page-admin-policy = Règles des mots de passe
page-admin-min-length = Longueur minimale
page-admin-max-length = Longueur maximale
page-admin-history = Anciens mots de passe qui ne peuvent pas être réutilisés
page-admin-classes = Types de caractères exigés (0 à 4)
page-admin-block-common = Refuser les mots de passe courants
page-admin-block-context = Refuser les mots de passe contenant le nom d'utilisateur, l'e-mail ou le nom de l'organisation
page-admin-links = Liens de réinitialisation et sessions
page-admin-identifier = Le formulaire « mot de passe oublié » demande
page-admin-identifier-both = Nom d'utilisateur et e-mail
page-admin-link-ttl = Durée de validité du lien de réinitialisation (minutes)
page-admin-admin-ttl = Durée de validité des liens d'un administrateur (heures)
page-admin-session-ttl = Durée d'une session (minutes)
page-admin-self-admins = Les administrateurs peuvent réinitialiser leur propre mot de passe par e-mail
page-admin-mfa-admins = Les administrateurs doivent avoir la connexion en deux étapes pour réinitialiser les autres
page-admin-mfa-required = La connexion en deux étapes est obligatoire pour
page-admin-mfa-required-help = Une personne concernée qui ne l'a pas configurée y est conduite après sa connexion et ne peut rien faire d'autre avant.
page-admin-mfa-none = Personne (chacun choisit)
page-admin-mfa-admins-owners = Les administrateurs et propriétaires
page-admin-mfa-everyone = Tout le monde
page-admin-settings-save = Enregistrer les paramètres
page-brand-title = Apparence et langue
page-brand-intro = L'apparence des pages de connexion, de réinitialisation et de compte et de chaque e-mail pour vos utilisateurs, et la langue utilisée quand le navigateur d'un lecteur ne demande aucune des nôtres.
page-brand-name = Nom affiché
page-brand-name-help = Affiché dans l'en-tête des pages et dans les e-mails à la place du nom de l'organisation (64 caractères au plus).
page-brand-color = Couleur
page-brand-color-help = La couleur de l'en-tête des pages, des boutons et des e-mails, sous la forme # suivi de six chiffres hexadécimaux. Un texte blanc doit y rester lisible (contraste WCAG AA d'au moins 4,5:1) ; laissez vide pour le bleu standard.
page-brand-color-pick = Choisir la couleur
page-brand-support = Contact d'assistance
page-brand-support-help = Les e-mails et les pages indiquent à vos utilisateurs à qui demander de l'aide. Chaque champ est facultatif.
page-brand-support-email = Adresse e-mail
page-brand-support-phone = Téléphone
page-brand-support-url = Adresse web (https://…)
page-brand-from = Nom de l'expéditeur des e-mails
page-brand-from-help = Le nom que vos utilisateurs voient comme expéditeur ; l'adresse reste celle du service.
page-brand-locale = Langue par défaut
page-brand-locale-help = Pour les lecteurs dont le navigateur ne demande aucune de ces langues, et pour les e-mails aux utilisateurs qui n'ont choisi aucune langue.
page-brand-save = Enregistrer l'apparence
page-logo-title = Logo
page-logo-help = Une image PNG, JPEG ou WebP de 64 Kio au plus, affichée dans l'en-tête des pages et dans les e-mails.
page-logo-none = Pas encore de logo.
page-logo-current = Le logo actuel
page-logo-file = Fichier image
page-logo-upload = Téléverser le logo

## Page script messages: `{name}` markers are filled by the script

js-error-invalid_credentials = Le nom d'utilisateur ou le mot de passe est incorrect.
js-error-mfa_required = Saisissez le code à 6 chiffres de votre application d'authentification.
js-error-invalid_mfa_code = Ce code n'est pas correct. Saisissez le code actuel de votre application d'authentification.
js-error-unauthenticated = Votre session est terminée. Reconnectez-vous.
js-error-password_change_required = Choisissez un nouveau mot de passe avant de continuer.
js-error-forbidden = Vous n'êtes pas autorisé à faire cela.
js-error-not_found = Introuvable.
js-error-invalid_token = Ce lien a expiré ou a déjà été utilisé. Chaque lien fonctionne une seule fois et pour une durée limitée.
js-error-password_policy = Le nouveau mot de passe ne respecte pas ces règles :
js-error-invalid_current_password = Le mot de passe actuel est incorrect.
js-error-password_change_not_allowed = Votre mot de passe ne peut pas être modifié ici. Adressez-vous à votre administrateur.
js-error-mfa_required_for_admin = Votre organisation exige la connexion en deux étapes pour les administrateurs qui réinitialisent des mots de passe, et la vôtre est désactivée.
js-error-externally_managed = Ce compte est géré par un annuaire (LDAP ou Entra ID) ; changez son mot de passe là-bas.
js-error-account_disabled = Ce compte est désactivé. Activez-le d'abord.
js-error-username_taken = Ce nom d'utilisateur est déjà pris.
js-error-mfa_already_enabled = La connexion en deux étapes est déjà activée.
js-error-mfa_required_by_policy = Votre organisation exige la connexion en deux étapes pour votre compte : elle ne peut pas être désactivée.
js-error-mfa_enrollment_required = Votre organisation exige la connexion en deux étapes. Configurez-la d'abord sur la page de votre compte.
js-error-busy = Le service est occupé. Réessayez dans un instant.
js-error-conflict = Quelqu'un a modifié cela en même temps. Réessayez.
js-error-internal = Un problème est survenu de notre côté. Réessayez plus tard.
js-error-too_many_attempts = Trop de tentatives.
js-error-invalid_branding = La couleur, le nom ou le contact n'a pas été accepté.
js-error-invalid_logo = Le logo doit être une image PNG, JPEG ou WebP de 64 Kio au plus.
js-error-invalid_settings = Certains réglages sont en dehors de la plage autorisée.
js-field-range = { $field } : de { $min } à { $max }.
js-error-invalid_request = La demande n'a pas été acceptée.
js-unreachable = Le service est injoignable. Vérifiez votre connexion et réessayez.
js-generic-failure = Un problème est survenu.
js-lockout-unknown = Trop de tentatives. Patientez un moment, puis réessayez.
js-lockout = Trop de tentatives. Pour votre sécurité, la connexion est suspendue : réessayez dans { $span } (après { $time }).
js-violation-too_short = Utilisez au moins { $min } caractères.
js-violation-too_long = Utilisez au plus { $max } caractères.
js-violation-common_password = Ce mot de passe est trop courant.
js-violation-contains_context = N'utilisez ni votre nom d'utilisateur, ni votre e-mail, ni le nom de l'organisation.
js-violation-missing_character_classes = Utilisez au moins { $classes } de ces types : minuscules, majuscules, chiffres, symboles.
js-violation-breached_password = Ce mot de passe figure dans des fuites de données connues. Choisissez-en un autre.
js-violation-reused_password = Ne réutilisez ni votre mot de passe actuel ni l'un de vos { $history } derniers.
js-policy-intro = Votre nouveau mot de passe doit :
js-policy-history = différer de votre mot de passe actuel et de vos { $count } derniers.
js-policy-common = ne pas être un mot de passe couramment utilisé.
js-policy-context = ne contenir ni votre nom d'utilisateur, ni votre adresse e-mail, ni le nom de l'organisation.
js-policy-classes = contenir au moins { $count } de ces types : minuscules, majuscules, chiffres, symboles.
js-mismatch = Les deux nouveaux mots de passe ne sont pas identiques. Saisissez le nouveau mot de passe deux fois.
js-policy-min = compter au moins { $min } caractères.
js-policy-max = compter au plus { $max } caractères.
js-policy-match = être saisi à l'identique dans les deux champs.
js-policy-breached = ne figurer dans aucune fuite de données connue.
js-policy-on-save = (vérifié à l'enregistrement)
js-policy-met = Fait :
js-policy-unmet = Pas encore :
js-lockout-paused = Trop de tentatives. Pour votre sécurité, la connexion est suspendue jusqu'à { $time }.
js-lockout-countdown = Vous pourrez réessayer dans { $span }.
js-lockout-over = Vous pouvez réessayer maintenant.
js-support-intro-tenant = Des questions sur votre compte ? Contactez { $tenant } :
js-support-intro = Des questions sur votre compte ? Contactez l'assistance de votre organisation :
js-support-email = E-mail
js-support-phone = Téléphone
js-support-web = Web
js-support-pointer = Besoin d'aide maintenant ? Voir qui contacter.
js-never = jamais
js-brand-default = Accès au compte
js-signed-out = Vous êtes déconnecté.
js-signed-in = Connecté.
js-sign-in-failed = La connexion a échoué.
js-enter-username-password = Saisissez votre nom d'utilisateur et votre mot de passe.
js-recovery-label = Code de récupération
js-totp-label = Code à usage unique
js-recovery-help = Un des codes de récupération enregistrés lors de la configuration de la connexion en deux étapes, comme k7vq-2mxp-9d4h. Chacun fonctionne une fois.
js-totp-help = Le code à 6 chiffres que votre application d'authentification affiche pour ce compte.
js-use-app-code = Utiliser plutôt un code de l'application
js-use-recovery = Utiliser un code de récupération
js-recovery-wrong = Ce code de récupération n'est pas correct ou a déjà été utilisé. Chaque code fonctionne une fois.
js-forgot-help-username = Saisissez votre nom d'utilisateur. Si un compte correspond, nous envoyons à son adresse e-mail un lien pour choisir un nouveau mot de passe.
js-forgot-help-both = Saisissez votre nom d'utilisateur et votre adresse e-mail. Si un compte correspond aux deux, nous lui envoyons un lien pour choisir un nouveau mot de passe.
js-forgot-help-email = Saisissez votre adresse e-mail. Si un compte correspond, nous lui envoyons un lien pour choisir un nouveau mot de passe.
js-enter-username-email = Saisissez votre nom d'utilisateur et votre adresse e-mail.
js-enter-email = Saisissez votre adresse e-mail.
js-enter-username = Saisissez votre nom d'utilisateur.
js-forgot-sent = Si un compte correspond, nous avons envoyé un lien de réinitialisation.
js-forgot-inbox = Consultez votre boîte de réception (et le dossier spam). Le lien fonctionne une fois et expire.
js-forgot-nothing = Pas d'e-mail après quelques minutes ? Vérifiez votre saisie ou adressez-vous à votre administrateur.
js-reset-ask-new = Demandez-en un nouveau :
js-reset-request-link = demander un nouveau lien de réinitialisation
js-reset-incomplete = Ce lien est incomplet : la partie après # manque. Ouvrez le lien complet de l'e-mail, ou demandez-en un nouveau.
js-enter-new-password = Saisissez un nouveau mot de passe.
js-reset-done = Votre mot de passe a été modifié. Vous pouvez maintenant vous connecter avec.
js-unlock-done = Votre compte est déverrouillé. Connectez-vous avec votre mot de passe.
js-unlock-incomplete = Ce lien de déverrouillage est incomplet : la partie après # manque. Ouvrez le lien entier de l'e-mail.
js-sign-in = Se connecter

## Page script messages of the account page and the admin console (`-one`:
## 0 and 1, `-other`: 2 and more; `-few` repeats `-other`; see en.ftl)

js-none = aucun
js-on = Activée
js-off = Désactivée
js-role-user = Utilisateur
js-role-admin = Administrateur
js-role-owner = Propriétaire
js-status-active = Actif
js-status-disabled = Désactivé
js-status-pending_activation = En attente d'activation
js-account-title = Votre compte
js-enrol-title = Configurer la connexion en deux étapes
js-codes-none = Vous n'avez aucun code de récupération. Créez-en de nouveaux pour pouvoir vous connecter même si vous perdez votre téléphone.
js-codes-low-one = Il ne vous reste que { $count } code de récupération. Créez-en de nouveaux avant d'en manquer.
js-codes-low-few = Il ne vous reste que { $count } codes de récupération. Créez-en de nouveaux avant d'en manquer.
js-codes-low-other = Il ne vous reste que { $count } codes de récupération. Créez-en de nouveaux avant d'en manquer.
js-enter-current-password = Saisissez votre mot de passe actuel.
js-forced-done = Votre mot de passe a été modifié. Vous êtes connecté.
js-change-done = Votre mot de passe a été modifié. Les autres appareils connectés à votre compte ont été déconnectés.
js-enter-app-code = Saisissez le code à 6 chiffres affiché par votre application.
js-mfa-on-done = La connexion en deux étapes est activée. Désormais, chaque connexion demande un code de votre application.
js-mfa-on-unlocked = Vous pouvez maintenant utiliser votre compte.
js-codes-file-title = Codes de récupération de { $username } ({ $date })
js-codes-file-title-tenant = Codes de récupération de { $username } chez { $tenant } ({ $date })
js-codes-file-help = Chaque code vous connecte une fois à la place d'un code de votre application d'authentification.
js-codes-copied = Les codes sont copiés. Collez-les dans votre gestionnaire de mots de passe ou dans un fichier que vous gardez en lieu sûr.
js-codes-copy-blocked = La copie n'est pas autorisée ici : les codes sont sélectionnés, appuyez sur Ctrl+C (ou ⌘C) pour les copier.
js-codes-saved-one = Codes de récupération enregistrés. Il vous reste { $count } code.
js-codes-saved-few = Codes de récupération enregistrés. Il vous reste { $count } codes.
js-codes-saved-other = Codes de récupération enregistrés. Il vous reste { $count } codes.
js-enter-code-or-recovery = Saisissez un code de votre application d'authentification ou un code de récupération.
js-mfa-code-wrong = Ce code n'est pas correct. Saisissez le code actuel de votre application ou un code de récupération inutilisé.
js-regen-done = Nouveaux codes de récupération créés. Vos anciens codes ne fonctionnent plus.
js-mfa-off-done = La connexion en deux étapes est désactivée. La connexion ne demande plus que votre mot de passe ; vos autres appareils ont été déconnectés.
js-qr-label = Code QR pour ajouter ce compte à votre application d'authentification
js-language-saved = Votre choix de langue a été enregistré.
js-whoami = Connecté en tant que { $username } ({ $role }).
js-users-none = Aucun utilisateur ne correspond.
js-users-shown-one = { $count } utilisateur affiché.
js-users-shown-few = { $count } utilisateurs affichés.
js-users-shown-other = { $count } utilisateurs affichés.
js-users-matching-one = { $count } utilisateur commençant par « { $q } » affiché.
js-users-matching-few = { $count } utilisateurs commençant par « { $q } » affichés.
js-users-matching-other = { $count } utilisateurs commençant par « { $q } » affichés.
js-badge-must-change = Doit changer son mot de passe
js-badge-may-not-change = Ne peut pas changer son mot de passe
js-badge-directory = Annuaire : { $source }
js-badge-no-email = Pas d'e-mail
js-badge-email-bounced = E-mail non distribuable
js-badge-email-complained = E-mail signalé comme spam
js-email-bounced = non distribuable
js-email-complained = signalé comme spam
js-email-with-status = { $email } ({ $status })
js-no-email = pas d'e-mail
js-bulk-send = Envoyer des liens de réinitialisation aux utilisateurs sélectionnés
js-bulk-send-one = Envoyer un lien de réinitialisation à { $count } utilisateur sélectionné
js-bulk-send-few = Envoyer des liens de réinitialisation à { $count } utilisateurs sélectionnés
js-bulk-send-other = Envoyer des liens de réinitialisation à { $count } utilisateurs sélectionnés
js-bulk-line-sent = { $name } : lien envoyé
js-bulk-line-not-found = { $name } : introuvable
js-bulk-line-skipped = { $name } : ignoré, { $reason }
js-bulk-result-one = Lien envoyé : { $sent } sur { $count }.
js-bulk-result-few = Liens envoyés : { $sent } sur { $count }.
js-bulk-result-other = Liens envoyés : { $sent } sur { $count }.
js-bulk-mfa-note = La connexion en deux étapes est supprimée à l'utilisation de chaque lien.
js-skip-no_email = pas d'adresse e-mail
js-skip-email_undeliverable = les e-mails à cette adresse ont été rejetés ou signalés comme spam
js-skip-externally_managed = géré par un annuaire (LDAP ou Entra ID)
js-skip-account_disabled = compte désactivé
js-skip-forbidden = vous ne pouvez pas réinitialiser ce compte
js-skip-duplicate = indiqué deux fois
js-skip-not_found = utilisateur inexistant
js-skip-other = non éligible
js-fact-email = E-mail
js-fact-role = Rôle
js-fact-status = État
js-fact-mfa = Connexion en deux étapes
js-fact-source = Origine
js-fact-password-changed = Mot de passe modifié
js-fact-permissions = Autorisations
js-fact-language = Langue
js-source-local = Local
js-source-ldap = LDAP
js-source-entra_id = Entra ID
js-permission-users_read = voir les utilisateurs
js-permission-users_manage = gérer les utilisateurs
js-permission-passwords_reset = envoyer des liens de réinitialisation
js-permission-passwords_set = définir des mots de passe
js-permission-audit_read = lire le journal d'audit
js-permission-mfa_reset = réinitialiser la connexion en deux étapes
js-language-default = Langue par défaut de l'organisation
js-link-sent = Lien de réinitialisation envoyé à { $to }. Il est valable jusqu'au { $time }.
js-link-sent-user = Lien de réinitialisation envoyé à l'utilisateur. Il est valable jusqu'au { $time }.
js-link-mfa-note = La connexion en deux étapes est supprimée à l'utilisation du lien ; d'ici là, elle reste activée.
js-enter-the-new-password = Saisissez le nouveau mot de passe.
js-temporary-set = Mot de passe temporaire défini. Communiquez-le à l'utilisateur par un moyen de confiance ; il devra en choisir un nouveau à sa connexion.
js-password-set = Mot de passe défini. L'utilisateur a été déconnecté partout.
js-mfa-reset-too = La connexion en deux étapes a aussi été réinitialisée.
js-nothing-changed = Rien n'a changé.
js-flags-saved = Paramètres du compte enregistrés.
js-mfa-reset-done = Connexion en deux étapes réinitialisée pour { $username }. L'utilisateur a été déconnecté partout et prévenu par e-mail ; il peut se connecter avec son seul mot de passe et la configurer de nouveau.
js-enter-a-username = Saisissez un nom d'utilisateur.
js-activation-needs-email = Un e-mail d'activation nécessite une adresse e-mail. Ajoutez-en une, ou décochez « Envoyer un e-mail d'activation ».
js-user-created-activation = Utilisateur { $username } créé ; un lien d'activation a été envoyé.
js-user-created = Utilisateur { $username } créé. Envoyez un lien de réinitialisation ou définissez un mot de passe pour l'activer.
js-audit-empty = Aucun événement pour l'instant.
js-outcome-success = réussite
js-outcome-failure = échec
js-outcome-refused = refusé
js-settings-saved = Paramètres enregistrés.
js-brand-saved = Apparence enregistrée. Les pages et les e-mails l'utilisent désormais.
js-brand-name = Le nom affiché doit être un nom de 64 caractères au plus, sans < > @ " ni caractères de contrôle.
js-brand-from = Le nom de l'expéditeur doit être un nom de 64 caractères au plus, sans < > @ " ni caractères de contrôle.
js-brand-color-format = Écrivez la couleur sous la forme # suivi de six chiffres hexadécimaux, par exemple #0b5394.
js-brand-color-contrast = Cette couleur est trop claire : un texte blanc y serait difficile à lire (contraste inférieur à 4,5:1, le niveau WCAG AA). Choisissez-en une plus foncée.
js-brand-support-email = L'adresse e-mail d'assistance n'est pas valide, ou elle est trop longue.
js-brand-support-phone = Le numéro de téléphone d'assistance ne peut contenir que des chiffres, des espaces et + - ( ) . (40 caractères au plus).
js-brand-support-url = L'adresse web d'assistance doit commencer par https:// ou http:// (2000 caractères au plus).
js-logo-saved = Logo téléversé. Les pages et les e-mails l'affichent désormais.
js-logo-choose = Choisissez d'abord un fichier image.
js-logo-too-big = Le fichier dépasse 64 Kio.
js-logo-type = Le fichier n'est pas une image PNG, JPEG ou WebP (le SVG n'est pas accepté).
js-logo-unreadable = Les données de l'image ne peuvent pas être lues.
js-logo-dimensions = L'image doit mesurer entre 1 et 4096 pixels de chaque côté.
