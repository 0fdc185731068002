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
mail-reset-validity = Le lien fonctionne une seule fois et reste valable { $duration }.
mail-reset-button = Choisir un nouveau mot de passe

mail-activation-subject = Activez votre compte { $tenant }
mail-activation-intro = Un compte avec le nom d'utilisateur { $username } a été créé pour vous chez { $tenant }. Choisissez un mot de passe avec le lien ci-dessous.
mail-activation-button = Choisir votre mot de passe

mail-contact-admin-subject = À propos de votre mot de passe { $tenant }
mail-contact-admin-intro = Quelqu'un a demandé la réinitialisation du mot de passe de { $username } chez { $tenant }.
mail-contact-admin-body = Le mot de passe de ce compte ne peut pas être réinitialisé par e-mail. Veuillez contacter votre administrateur. Si vous n'avez rien demandé, ignorez cet e-mail.

mail-elsewhere-subject = Un lien de mot de passe { $tenant } a été envoyé pour vous
mail-elsewhere-intro = Un administrateur de { $tenant } a envoyé un lien pour définir le mot de passe de { $username } à une autre adresse e-mail.
mail-elsewhere-body = Si vous ne vous y attendiez pas, contactez votre administrateur.

mail-locked-subject = Votre compte { $tenant } a été verrouillé
mail-locked-intro = Il y a eu trop d'échecs de connexion au compte { $username } chez { $tenant } : le compte est donc verrouillé pour tout le monde pour le moment.
mail-locked-body = Réinitialisez votre mot de passe avec le lien ci-dessous pour le déverrouiller immédiatement. Si ces échecs ne venaient pas de vous, quelqu'un essaie peut-être de deviner votre mot de passe : choisissez-en un nouveau, unique.
mail-locked-button = Réinitialiser votre mot de passe

mail-email-changed-subject = L'adresse e-mail de votre compte { $tenant } a été modifiée
mail-email-changed-intro = Un administrateur de { $tenant } a remplacé l'adresse e-mail de { $username } par { $address }. Les liens de réinitialisation y sont désormais envoyés, et les liens envoyés avant la modification ne fonctionnent plus.
mail-email-changed-body = Si vous ne vous y attendiez pas, contactez immédiatement votre administrateur.

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
page-request-new-link = Demander un nouveau lien

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
js-policy-length = compter au moins { $min } et au plus { $max } caractères.
js-policy-history = différer de votre mot de passe actuel et de vos { $count } derniers.
js-policy-common = ne pas être un mot de passe couramment utilisé.
js-policy-context = ne contenir ni votre nom d'utilisateur, ni votre adresse e-mail, ni le nom de l'organisation.
js-policy-classes = contenir au moins { $count } de ces types : minuscules, majuscules, chiffres, symboles.
js-mismatch = Les deux nouveaux mots de passe ne sont pas identiques. Saisissez le nouveau mot de passe deux fois.
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
js-sign-in = Se connecter
