# Latchkey, español.

## Durations and counts

duration-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
duration-hours = { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
duration-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}

## Emails: shared parts

mail-support-heading = ¿Preguntas? Contacte con { $tenant }:
mail-support-email = Correo: { $address }
mail-support-phone = Teléfono: { $address }
mail-support-url = Web: { $address }
mail-automatic = { $tenant } envió este mensaje automáticamente. No responda a él.
mail-link-hint = Abra este enlace en su navegador:

## Emails: one block per kind

mail-reset-subject = Restablezca su contraseña de { $tenant }
mail-reset-intro = Alguien pidió restablecer la contraseña de { $username } en { $tenant }. Si fue usted, elija una contraseña nueva con el enlace de abajo. Si no, ignore este correo: su contraseña no cambia.
mail-reset-validity = El enlace funciona una sola vez y es válido durante { $duration }.
mail-reset-button = Elegir una contraseña nueva

mail-activation-subject = Active su cuenta de { $tenant }
mail-activation-intro = Se creó para usted una cuenta con el nombre de usuario { $username } en { $tenant }. Elija una contraseña con el enlace de abajo.
mail-activation-button = Elegir su contraseña

mail-contact-admin-subject = Sobre su contraseña de { $tenant }
mail-contact-admin-intro = Alguien pidió restablecer la contraseña de { $username } en { $tenant }.
mail-contact-admin-body = La contraseña de esta cuenta no se puede restablecer por correo. Contacte con su administrador. Si no lo pidió, ignore este correo.

mail-elsewhere-subject = Se envió para usted un enlace de contraseña de { $tenant }
mail-elsewhere-intro = Un administrador de { $tenant } envió un enlace para establecer la contraseña de { $username } a otra dirección de correo.
mail-elsewhere-body = Si no lo esperaba, contacte con su administrador.

mail-locked-subject = Su cuenta de { $tenant } se ha bloqueado
mail-locked-intro = Hubo demasiados inicios de sesión fallidos en { $username } en { $tenant }, así que la cuenta está bloqueada para todos por ahora.
mail-locked-body = Restablezca su contraseña con el enlace de abajo para desbloquearla al instante. Si los intentos fallidos no fueron suyos, alguien podría estar intentando adivinar su contraseña: elija una nueva y única.
mail-locked-button = Restablecer su contraseña

mail-email-changed-subject = Se cambió la dirección de correo de su cuenta de { $tenant }
mail-email-changed-intro = Un administrador de { $tenant } cambió la dirección de correo de { $username } a { $address }. Los enlaces para restablecer la contraseña van ahora allí, y los enviados antes del cambio ya no funcionan.
mail-email-changed-body = Si no lo esperaba, contacte de inmediato con su administrador.

mail-recovery-used-subject = Se usó un código de recuperación en su cuenta de { $tenant }
mail-recovery-used-intro = Alguien acaba de iniciar sesión en { $username } en { $tenant } con un código de recuperación. { $count ->
    [one] Le queda { $count } código; cada uno funciona una vez.
   *[other] Le quedan { $count } códigos; cada uno funciona una vez.
}
mail-recovery-used-body = Si no fue usted, restablezca su contraseña y contacte de inmediato con su administrador. Si perdió su aplicación de autenticación, configure una nueva y genere códigos de recuperación nuevos.

mail-mfa-on-subject = Se activó el inicio de sesión en dos pasos en su cuenta de { $tenant }
mail-mfa-on-intro = Se acaba de activar el inicio de sesión en dos pasos para { $username } en { $tenant }. Se cerraron todas las demás sesiones.
mail-mfa-off-subject = Se desactivó el inicio de sesión en dos pasos en su cuenta de { $tenant }
mail-mfa-off-intro = Se acaba de desactivar el inicio de sesión en dos pasos para { $username } en { $tenant }. Se cerraron todas las demás sesiones.
mail-mfa-body = Si no fue usted, restablezca su contraseña y contacte de inmediato con su administrador.

mail-changed-subject = Se cambió su contraseña de { $tenant }
mail-changed-intro = La contraseña de { $username } en { $tenant } se acaba de cambiar. Se cerraron todas las demás sesiones.
mail-changed-body = Si no fue usted, contacte de inmediato con su administrador.

## Pages: rendered into the HTML by the server

page-language-name = Español
page-language = Idioma
page-brand-default = Acceso a la cuenta
page-index-intro = Inicio de sesión, restablecimiento de contraseña y páginas de cuenta, por organización.
page-index-tenant = Identificador de la organización
page-index-open = Abrir la página de inicio de sesión
page-index-pages = Páginas:
page-sign-in-title = Iniciar sesión
page-username = Nombre de usuario
page-password = Contraseña
page-email = Correo electrónico
page-totp = Código de un solo uso
page-totp-help = El código de 6 dígitos que su aplicación de autenticación muestra para esta cuenta.
page-use-recovery = Usar un código de recuperación
page-forgot-link = ¿Olvidó su contraseña?
page-forgot-title = Contraseña olvidada
page-forgot-heading = ¿Olvidó su contraseña?
page-forgot-help-email = Escriba su dirección de correo. Si coincide con una cuenta, le enviamos un enlace para elegir una contraseña nueva.
page-forgot-submit = Enviar enlace
page-back-to-sign-in = Volver a iniciar sesión
page-reset-title = Elija una contraseña nueva
page-reset-checking = Comprobando su enlace…
page-reset-account = Cuenta
page-reset-valid-until = Enlace válido hasta
page-new-password = Contraseña nueva
page-repeat-password = Repita la contraseña nueva
page-reset-submit = Establecer la contraseña nueva
page-request-new-link = Pedir un enlace nuevo

## Page script messages: `{name}` markers are filled by the script

js-error-invalid_credentials = El nombre de usuario o la contraseña no son correctos.
js-error-mfa_required = Escriba el código de 6 dígitos de su aplicación de autenticación.
js-error-invalid_mfa_code = Ese código no es correcto. Escriba el código actual de su aplicación de autenticación.
js-error-unauthenticated = Su sesión ha terminado. Vuelva a iniciar sesión.
js-error-password_change_required = Elija una contraseña nueva antes de continuar.
js-error-forbidden = No tiene permiso para hacer eso.
js-error-not_found = No encontrado.
js-error-invalid_token = Este enlace ha caducado o ya se usó. Cada enlace funciona una vez y solo durante un tiempo limitado.
js-error-password_policy = La contraseña nueva no cumple estas reglas:
js-error-invalid_current_password = La contraseña actual no es correcta.
js-error-password_change_not_allowed = Su contraseña no se puede cambiar aquí. Consulte a su administrador.
js-error-mfa_required_for_admin = Su organización exige el inicio de sesión en dos pasos a los administradores que restablecen contraseñas, y el suyo está desactivado.
js-error-externally_managed = Esta cuenta la gestiona un directorio (LDAP o Entra ID); cambie allí su contraseña.
js-error-account_disabled = Esta cuenta está desactivada. Actívela primero.
js-error-username_taken = Ese nombre de usuario ya está en uso.
js-error-mfa_already_enabled = El inicio de sesión en dos pasos ya está activado.
js-error-mfa_required_by_policy = Su organización exige el inicio de sesión en dos pasos para su cuenta, así que no se puede desactivar.
js-error-mfa_enrollment_required = Su organización exige el inicio de sesión en dos pasos. Configúrelo primero en la página de su cuenta.
js-error-busy = El servicio está ocupado. Inténtelo de nuevo en un momento.
js-error-conflict = Alguien cambió esto al mismo tiempo. Inténtelo de nuevo.
js-error-internal = Algo falló por nuestra parte. Inténtelo más tarde.
js-error-too_many_attempts = Demasiados intentos.
js-error-invalid_branding = No se aceptó el color, el nombre o el contacto.
js-error-invalid_logo = El logotipo debe ser una imagen PNG, JPEG o WebP de 64 KiB como máximo.
js-error-invalid_request = No se aceptó la solicitud.
js-unreachable = No se puede acceder al servicio. Compruebe su conexión e inténtelo de nuevo.
js-generic-failure = Algo salió mal.
js-lockout-unknown = Demasiados intentos. Espere un rato y vuelva a intentarlo.
js-lockout = Demasiados intentos. Por su seguridad, el inicio de sesión está en pausa: inténtelo de nuevo en { $span } (después de las { $time }).
js-violation-too_short = Use al menos { $min } caracteres.
js-violation-too_long = Use como máximo { $max } caracteres.
js-violation-common_password = Esta contraseña es demasiado común.
js-violation-contains_context = No use su nombre de usuario, su correo ni el nombre de la organización.
js-violation-missing_character_classes = Use al menos { $classes } de estos tipos: minúsculas, mayúsculas, dígitos, símbolos.
js-violation-breached_password = Esta contraseña apareció en filtraciones de datos conocidas. Elija otra.
js-violation-reused_password = No reutilice su contraseña actual ni ninguna de las { $history } anteriores.
js-policy-intro = Su contraseña nueva debe:
js-policy-length = tener entre { $min } y { $max } caracteres.
js-policy-history = ser distinta de la actual y de las { $count } anteriores.
js-policy-common = no ser una contraseña de uso frecuente.
js-policy-context = no contener su nombre de usuario, su dirección de correo ni el nombre de la organización.
js-policy-classes = contener al menos { $count } de estos tipos: minúsculas, mayúsculas, dígitos, símbolos.
js-mismatch = Las dos contraseñas nuevas no coinciden. Escriba la contraseña nueva dos veces.
js-never = nunca
js-brand-default = Acceso a la cuenta
js-signed-out = Ha cerrado la sesión.
js-signed-in = Sesión iniciada.
js-sign-in-failed = No se pudo iniciar sesión.
js-enter-username-password = Escriba su nombre de usuario y su contraseña.
js-recovery-label = Código de recuperación
js-totp-label = Código de un solo uso
js-recovery-help = Uno de los códigos de recuperación que guardó al configurar el inicio de sesión en dos pasos, como k7vq-2mxp-9d4h. Cada uno funciona una vez.
js-totp-help = El código de 6 dígitos que su aplicación de autenticación muestra para esta cuenta.
js-use-app-code = Usar en su lugar un código de la aplicación
js-use-recovery = Usar un código de recuperación
js-recovery-wrong = Ese código de recuperación no es correcto o ya se usó. Cada código funciona una vez.
js-forgot-help-username = Escriba su nombre de usuario. Si coincide con una cuenta, enviamos a su correo un enlace para elegir una contraseña nueva.
js-forgot-help-both = Escriba su nombre de usuario y su dirección de correo. Si ambos coinciden con una cuenta, le enviamos un enlace para elegir una contraseña nueva.
js-forgot-help-email = Escriba su dirección de correo. Si coincide con una cuenta, le enviamos un enlace para elegir una contraseña nueva.
js-enter-username-email = Escriba su nombre de usuario y su dirección de correo.
js-enter-email = Escriba su dirección de correo.
js-enter-username = Escriba su nombre de usuario.
js-forgot-sent = Si coincide con una cuenta, hemos enviado un enlace para restablecer la contraseña.
js-forgot-inbox = Revise su bandeja de entrada (y la carpeta de spam). El enlace funciona una vez y caduca.
js-forgot-nothing = ¿No llega ningún correo en unos minutos? Compruebe lo que escribió o consulte a su administrador.
js-reset-ask-new = Pida uno nuevo:
js-reset-request-link = pedir un enlace nuevo
js-reset-incomplete = Este enlace está incompleto: falta la parte después de #. Abra el enlace completo del correo o pida uno nuevo.
js-enter-new-password = Escriba una contraseña nueva.
js-reset-done = Se cambió su contraseña. Ya puede iniciar sesión con ella.
js-sign-in = Iniciar sesión
