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
mail-reset-intro-admin = { $who }, administrador de { $tenant }, le envió este enlace para elegir una nueva contraseña para { $username }. Su contraseña actual sigue funcionando hasta que lo haga.
mail-reset-intro-bulk = { $who }, administrador de { $tenant }, pidió a las personas de { $tenant }, usted entre ellas, que elijan una nueva contraseña para { $username }. Su contraseña actual sigue funcionando hasta que lo haga.
mail-reset-intro-support = El soporte de la plataforma de { $tenant } le envió este enlace, por la solicitud { $who }, para elegir una nueva contraseña para { $username }. Su contraseña actual sigue funcionando hasta que lo haga.
mail-reset-validity = El enlace funciona una sola vez y es válido durante { $duration }.
mail-reset-button = Elegir una contraseña nueva

mail-activation-subject = Active su cuenta de { $tenant }
mail-activation-intro = Se creó para usted una cuenta con el nombre de usuario { $username } en { $tenant }. Elija una contraseña con el enlace de abajo.
mail-activation-intro-admin = { $who }, administrador de { $tenant }, creó para usted una cuenta con el nombre de usuario { $username }. Elija una contraseña con el enlace de abajo.
mail-activation-button = Elegir su contraseña

mail-contact-admin-subject = Sobre su contraseña de { $tenant }
mail-contact-admin-intro = Alguien pidió restablecer la contraseña de { $username } en { $tenant }.
mail-contact-admin-body = La contraseña de esta cuenta no se puede restablecer por correo. Contacte con su administrador. Si no lo pidió, ignore este correo.

mail-elsewhere-subject = Se envió para usted un enlace de contraseña de { $tenant }
mail-elsewhere-intro = Un administrador de { $tenant } envió un enlace para establecer la contraseña de { $username } a otra dirección de correo.
mail-elsewhere-body = Si no lo esperaba, contacte con su administrador.

mail-locked-subject = Su cuenta de { $tenant } se ha bloqueado
mail-locked-intro = Hubo demasiados inicios de sesión fallidos en { $username } en { $tenant }, así que la cuenta está bloqueada para todos por ahora.
mail-locked-body = Desbloquéela con el enlace de abajo: su contraseña no cambia, y para iniciar sesión seguirá necesitándola (y su segundo factor). Si los intentos fallidos no fueron suyos, alguien podría estar intentando adivinar su contraseña: cámbiela en cuanto inicie sesión.
mail-locked-button = Desbloquear su cuenta

mail-email-changed-subject = Se cambió la dirección de correo de su cuenta de { $tenant }
mail-email-changed-intro = Un administrador de { $tenant } cambió la dirección de correo de { $username } a { $address }. Los enlaces para restablecer la contraseña van ahora allí, y los enviados antes del cambio ya no funcionan.
mail-email-changed-body = Si no lo esperaba, contacte de inmediato con su administrador.

mail-expiry-subject = Su contraseña de { $tenant } caduca en { $duration }
mail-expiry-intro = La contraseña de { $username } en { $tenant } caduca en { $duration }. Después, el próximo inicio de sesión pedirá primero una contraseña nueva.
mail-expiry-body = Elija una nueva ahora: inicie sesión con el enlace de abajo y cambie su contraseña en la página de su cuenta. Si no lo esperaba, contacte con su administrador.
mail-expiry-button = Cambiar su contraseña

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

mail-change-by-self = El cambio lo hizo alguien con la sesión iniciada en { $username }, o con un enlace enviado a su dirección de correo.
mail-change-by-admin = El cambio lo hizo { $who }, administrador de { $tenant }.
mail-change-by-bulk = El cambio lo hizo { $who }, administrador de { $tenant }, como parte de un cambio en muchas cuentas.
mail-change-by-support = El cambio lo hizo el soporte de la plataforma de { $tenant }, por la solicitud { $who }.
mail-report-hint = Si no hizo ni esperaba este cambio, use el enlace de abajo: el inicio de sesión en { $username } se detiene de inmediato, se cierran todas las sesiones y se avisa a los administradores de { $tenant }. El enlace funciona una sola vez y es válido durante { $duration }.
mail-report-button = No fui yo

mail-reported-subject = { $username } en { $tenant } informó de un cambio que no hizo
mail-reported-intro = El titular de { $username } en { $tenant } indicó que un cambio reciente en la cuenta no fue suyo («No fui yo»).
mail-reported-what-password = El cambio fue en la contraseña de la cuenta.
mail-reported-what-mfa = El cambio fue en el inicio de sesión en dos pasos de la cuenta.
mail-reported-what-email = El cambio fue en la dirección de correo de la cuenta.
mail-reported-what-recovery = El aviso se refiere a un inicio de sesión con uno de los códigos de recuperación de la cuenta.
mail-reported-body = El inicio de sesión en { $username } está detenido, sus sesiones están cerradas y sus enlaces ya no funcionan. Seguirá así hasta que se establezca una contraseña nueva: revise los eventos recientes de la cuenta en el registro de auditoría y luego envíele un enlace de restablecimiento o establezca una contraseña.

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
page-support-heading = ¿Necesita ayuda?
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
page-unlock-title = Desbloquear su cuenta
page-unlock-intro = Su cuenta se bloqueó tras demasiados inicios de sesión fallidos. Desbloquearla no cambia su contraseña: inicie sesión con ella (y su segundo factor) como siempre.
page-unlock-submit = Desbloquear mi cuenta
page-request-new-link = Pedir un enlace nuevo

## Pages: the account page and the admin console

page-nav-label = Páginas
page-loading = Cargando…
page-sign-out = Cerrar sesión
page-current-password = Contraseña actual
page-change-password = Cambiar la contraseña
page-role = Rol
page-mfa = Inicio de sesión en dos pasos
page-language-default = Idioma predeterminado de la organización
page-account-title = Su cuenta
page-account-loading = Cargando su cuenta…
page-forced-intro = Su administrador le dio una contraseña temporal. Elija su propia contraseña para continuar.
page-forced-current-help = La contraseña temporal con la que acaba de iniciar sesión.
page-enrol-required = Su organización exige el inicio de sesión en dos pasos para su cuenta. Configúrelo abajo para continuar: hasta entonces solo puede hacer esto, cambiar su contraseña o cerrar sesión.
page-codes-left = Códigos de recuperación restantes
page-password-changed = Contraseña cambiada
page-account-language = Idioma de sus páginas y correos
page-account-language-help = «Idioma predeterminado de la organización» sigue el idioma de su navegador y, después, el de su organización.
page-account-language-save = Guardar el idioma
page-mfa-on = El inicio de sesión en dos pasos está activado. Cada inicio de sesión pide un código de su aplicación de autenticación.
page-codes-title = Sus códigos de recuperación
page-codes-save = Guarde estos códigos en un lugar seguro, fuera de su teléfono.
page-codes-once = Solo se muestran esta vez.
page-codes-use = Si pierde su aplicación de autenticación, cada código le permite iniciar sesión una vez en lugar de un código de la aplicación.
page-codes-copy = Copiar
page-codes-download = Descargar
page-codes-done = Ya guardé mis códigos
page-regen-title = Códigos de recuperación nuevos
page-regen-help = { $count ->
    [one] Crea { $count } código nuevo; los anteriores dejan de funcionar de inmediato.
   *[other] Crea { $count } códigos nuevos; los anteriores dejan de funcionar de inmediato.
}
page-code-or-recovery = Código de su aplicación o código de recuperación
page-mfa-off-title = Desactivar el inicio de sesión en dos pasos
page-mfa-off-help = Elimina su aplicación de autenticación y sus códigos de recuperación. Para iniciar sesión bastará entonces con su contraseña, y se cerrará la sesión en sus otros dispositivos.
page-mfa-intro = Proteja su cuenta con un código de una aplicación de autenticación (por ejemplo Google Authenticator, Microsoft Authenticator o 1Password) además de su contraseña.
page-mfa-setup = Configurar el inicio de sesión en dos pasos
page-mfa-scan = 1. Escanee este código con su aplicación de autenticación
page-mfa-key = O escriba esta clave en la aplicación:
page-mfa-enter = 2. Escriba el código que muestra la aplicación
page-mfa-turn-on = Activar el inicio de sesión en dos pasos
page-admin-title = Consola de administración
page-admin-users = Usuarios
page-admin-audit = Registro de auditoría
page-admin-settings-nav = Ajustes
page-admin-denied = Esta consola es solo para los administradores de su organización.
page-admin-go-account = Ir a su cuenta
page-admin-mfa-note = Su organización exige el inicio de sesión en dos pasos a los administradores que envían enlaces de restablecimiento o establecen contraseñas, y el suyo está desactivado, así que se rechazan los restablecimientos.
page-admin-mfa-note-link = Configure el inicio de sesión en dos pasos en la página de su cuenta
page-admin-search-label = El nombre de usuario o el correo empieza por
page-admin-search = Buscar
page-admin-next-page = Página siguiente
page-admin-bulk-reset-mfa = Restablecer también el inicio de sesión en dos pasos de los usuarios seleccionados, al usarse cada enlace
page-admin-bulk-send = Enviar enlaces de restablecimiento a los usuarios seleccionados
page-admin-link-title = Enviar enlace de restablecimiento
page-admin-link-help = El usuario elige una contraseña nueva; la anterior sigue funcionando hasta entonces. Para un usuario aún no activado, este es el enlace de activación.
page-admin-link-recipient = Enviar a otra dirección (opcional)
page-admin-link-reset-mfa = Restablecer también el inicio de sesión en dos pasos al usarse el enlace (el usuario también perdió su aplicación de autenticación)
page-admin-set-title = Establecer una contraseña
page-admin-set-help = Solo si el usuario no puede recibir correo. La contraseña anterior deja de funcionar de inmediato y se cierra la sesión del usuario en todas partes.
page-admin-set-temporary = Temporal: el usuario debe elegir una contraseña nueva en su próximo inicio de sesión
page-admin-set-reset-mfa = Restablecer también el inicio de sesión en dos pasos (el usuario también perdió su aplicación de autenticación)
page-admin-set-submit = Establecer la contraseña
page-admin-mfa-reset-title = Restablecer el inicio de sesión en dos pasos
page-admin-mfa-reset-help = Para un usuario que perdió su aplicación de autenticación: se eliminan su aplicación y sus códigos de recuperación, se cierra su sesión en todas partes, se le avisa por correo, e inicia sesión solo con su contraseña hasta que lo vuelva a configurar.
page-admin-mfa-reset-reason = Motivo (opcional, se guarda en el registro de auditoría)
page-admin-flags-title = Ajustes de la cuenta
page-admin-status = Estado
page-admin-status-active = Habilitada (activa)
page-admin-status-disabled = Deshabilitada
page-admin-status-pending = Pendiente de activación
page-admin-user-language = Idioma de las páginas y los correos
page-admin-user-language-help = «Idioma predeterminado de la organización» sigue el navegador del usuario y, después, el idioma predeterminado de los ajustes de imagen.
page-admin-flag-cannot-change = No puede cambiar la contraseña
page-admin-flag-must-change = Debe cambiar la contraseña en el próximo inicio de sesión
page-admin-flags-save = Guardar los ajustes de la cuenta
page-admin-create-title = Crear usuario
page-admin-email-optional = Correo electrónico (opcional)
page-admin-role-user = Usuario
page-admin-send-activation = Enviar correo de activación
page-admin-audit-order = Los más recientes primero.
page-admin-audit-outcome = Resultado
page-admin-audit-more = Eventos anteriores
page-admin-settings-title = Ajustes de la organización
page-admin-policy = Reglas de contraseñas
page-admin-min-length = Longitud mínima
page-admin-max-length = Longitud máxima
page-admin-history = Contraseñas anteriores que no se pueden reutilizar
page-admin-classes = Tipos de caracteres exigidos (0 a 4)
page-admin-block-common = Rechazar contraseñas comunes
page-admin-block-context = Rechazar contraseñas que contengan el nombre de usuario, el correo o el nombre de la organización
page-admin-links = Enlaces de restablecimiento y sesiones
page-admin-identifier = El formulario de contraseña olvidada pide
page-admin-identifier-both = Nombre de usuario y correo
page-admin-link-ttl = Validez del enlace de restablecimiento (minutos)
page-admin-admin-ttl = Validez de los enlaces de un administrador (horas)
page-admin-session-ttl = Duración de la sesión (minutos)
page-admin-self-admins = Los administradores pueden restablecer su propia contraseña por correo
page-admin-mfa-admins = Los administradores necesitan el inicio de sesión en dos pasos para restablecer a otros
page-admin-mfa-required = El inicio de sesión en dos pasos es obligatorio para
page-admin-mfa-required-help = Quien esté afectado y no lo haya configurado será llevado a configurarlo tras iniciar sesión, y no podrá hacer nada más hasta terminar.
page-admin-mfa-none = Nadie (cada usuario decide)
page-admin-mfa-admins-owners = Administradores y propietarios
page-admin-mfa-everyone = Todos
page-admin-settings-save = Guardar los ajustes
page-brand-title = Imagen e idioma
page-brand-intro = Cómo ven sus usuarios las páginas de inicio de sesión, restablecimiento y cuenta y cada correo, y qué idioma usan cuando el navegador del lector no pide ninguno de los nuestros.
page-brand-name = Nombre visible
page-brand-name-help = Se muestra en la cabecera de las páginas y en los correos en lugar del nombre de la organización (64 caracteres como máximo).
page-brand-color = Color
page-brand-color-help = El color de la cabecera de las páginas, de los botones y de los correos, como # y seis dígitos hexadecimales. El texto blanco debe leerse bien sobre él (contraste WCAG AA de al menos 4,5:1); déjelo vacío para el azul estándar.
page-brand-color-pick = Elegir el color
page-brand-support = Contacto de soporte
page-brand-support-help = Los correos y las páginas indican a sus usuarios a quién pedir ayuda. Cada dato es opcional.
page-brand-support-email = Dirección de correo
page-brand-support-phone = Teléfono
page-brand-support-url = Dirección web (https://…)
page-brand-from = Nombre del remitente de los correos
page-brand-from-help = El nombre que sus usuarios ven como remitente; la dirección sigue siendo la del servicio.
page-brand-locale = Idioma predeterminado
page-brand-locale-help = Para los lectores cuyo navegador no pide ninguno de estos idiomas, y para los correos a usuarios que no eligieron idioma.
page-brand-save = Guardar la imagen
page-logo-title = Logotipo
page-logo-help = Una imagen PNG, JPEG o WebP de 64 KiB como máximo, que se muestra en la cabecera de las páginas y en los correos.
page-logo-none = Todavía no hay logotipo.
page-logo-current = El logotipo actual
page-logo-file = Archivo de imagen
page-logo-upload = Subir el logotipo

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
js-error-invalid_settings = Algunos ajustes están fuera del rango permitido.
js-field-range = { $field }: de { $min } a { $max }.
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
js-policy-history = ser distinta de la actual y de las { $count } anteriores.
js-policy-common = no ser una contraseña de uso frecuente.
js-policy-context = no contener su nombre de usuario, su dirección de correo ni el nombre de la organización.
js-policy-classes = contener al menos { $count } de estos tipos: minúsculas, mayúsculas, dígitos, símbolos.
js-mismatch = Las dos contraseñas nuevas no coinciden. Escriba la contraseña nueva dos veces.
js-policy-min = tener al menos { $min } caracteres.
js-policy-max = tener como máximo { $max } caracteres.
js-policy-match = escribirse igual en los dos campos.
js-policy-breached = no aparecer en filtraciones de datos conocidas.
js-policy-on-save = (se comprueba al guardar)
js-policy-met = Cumplido:
js-policy-unmet = Aún no cumplido:
js-lockout-paused = Demasiados intentos. Por su seguridad, el inicio de sesión está en pausa hasta las { $time }.
js-lockout-countdown = Puede volver a intentarlo en { $span }.
js-lockout-over = Ya puede volver a intentarlo.
js-support-intro-tenant = ¿Preguntas sobre su cuenta? Contacte con { $tenant }:
js-support-intro = ¿Preguntas sobre su cuenta? Contacte con el soporte de su organización:
js-support-email = Correo
js-support-phone = Teléfono
js-support-web = Web
js-support-pointer = ¿Necesita ayuda ahora? Vea a quién contactar.
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
js-unlock-done = Su cuenta está desbloqueada. Inicie sesión con su contraseña.
js-unlock-incomplete = Este enlace de desbloqueo está incompleto: falta la parte después de #. Abra el enlace completo del correo.
js-sign-in = Iniciar sesión

## Page script messages of the account page and the admin console (`-one`:
## 1, `-other`: everything else; `-few` repeats `-other`; see en.ftl)

js-none = ninguno
js-on = Activado
js-off = Desactivado
js-role-user = Usuario
js-role-admin = Administrador
js-role-owner = Propietario
js-status-active = Activo
js-status-disabled = Deshabilitado
js-status-pending_activation = Pendiente de activación
js-account-title = Su cuenta
js-enrol-title = Configure el inicio de sesión en dos pasos
js-codes-none = No tiene códigos de recuperación. Cree otros nuevos para poder iniciar sesión aunque pierda su teléfono.
js-codes-low-one = Solo le queda { $count } código de recuperación. Cree otros nuevos antes de quedarse sin ellos.
js-codes-low-few = Solo le quedan { $count } códigos de recuperación. Cree otros nuevos antes de quedarse sin ellos.
js-codes-low-other = Solo le quedan { $count } códigos de recuperación. Cree otros nuevos antes de quedarse sin ellos.
js-enter-current-password = Escriba su contraseña actual.
js-forced-done = Se cambió su contraseña. Ha iniciado sesión.
js-change-done = Se cambió su contraseña. Se cerró la sesión en los otros dispositivos conectados a su cuenta.
js-enter-app-code = Escriba el código de 6 dígitos que muestra su aplicación.
js-mfa-on-done = El inicio de sesión en dos pasos está activado. A partir de ahora, cada inicio de sesión pide un código de su aplicación.
js-mfa-on-unlocked = Ya puede usar su cuenta.
js-codes-file-title = Códigos de recuperación de { $username } ({ $date })
js-codes-file-title-tenant = Códigos de recuperación de { $username } en { $tenant } ({ $date })
js-codes-file-help = Cada código le permite iniciar sesión una vez en lugar de un código de su aplicación de autenticación.
js-codes-copied = Los códigos están copiados. Péguelos en su gestor de contraseñas o en un archivo que guarde en un lugar seguro.
js-codes-copy-blocked = Aquí no se permite copiar: los códigos están seleccionados, pulse Ctrl+C (o ⌘C) para copiarlos.
js-codes-saved-one = Códigos de recuperación guardados. Le queda { $count } código.
js-codes-saved-few = Códigos de recuperación guardados. Le quedan { $count } códigos.
js-codes-saved-other = Códigos de recuperación guardados. Le quedan { $count } códigos.
js-enter-code-or-recovery = Escriba un código de su aplicación de autenticación o un código de recuperación.
js-mfa-code-wrong = Ese código no es correcto. Escriba el código actual de su aplicación o un código de recuperación sin usar.
js-regen-done = Se crearon códigos de recuperación nuevos. Los anteriores ya no funcionan.
js-mfa-off-done = El inicio de sesión en dos pasos está desactivado. Ahora basta con su contraseña para iniciar sesión; se cerró la sesión en sus otros dispositivos.
js-qr-label = Código QR para añadir esta cuenta a su aplicación de autenticación
js-language-saved = Se guardó su preferencia de idioma.
js-whoami = Sesión iniciada como { $username } ({ $role }).
js-users-none = Ningún usuario coincide.
js-users-shown-one = Se muestra { $count } usuario.
js-users-shown-few = Se muestran { $count } usuarios.
js-users-shown-other = Se muestran { $count } usuarios.
js-users-matching-one = Se muestra { $count } usuario que empieza por «{ $q }».
js-users-matching-few = Se muestran { $count } usuarios que empiezan por «{ $q }».
js-users-matching-other = Se muestran { $count } usuarios que empiezan por «{ $q }».
js-badge-must-change = Debe cambiar la contraseña
js-badge-may-not-change = No puede cambiar la contraseña
js-badge-directory = Directorio: { $source }
js-badge-no-email = Sin correo
js-badge-email-bounced = Correo rebotado
js-badge-email-complained = Correo marcado como spam
js-email-bounced = rebotado
js-email-complained = marcado como spam
js-email-with-status = { $email } ({ $status })
js-no-email = sin correo
js-bulk-send = Enviar enlaces de restablecimiento a los usuarios seleccionados
js-bulk-send-one = Enviar un enlace de restablecimiento a { $count } usuario seleccionado
js-bulk-send-few = Enviar enlaces de restablecimiento a { $count } usuarios seleccionados
js-bulk-send-other = Enviar enlaces de restablecimiento a { $count } usuarios seleccionados
js-bulk-line-sent = { $name }: enlace enviado
js-bulk-line-not-found = { $name }: no encontrado
js-bulk-line-skipped = { $name }: omitido, { $reason }
js-bulk-result-one = { $sent } de { $count } enlace enviado.
js-bulk-result-few = { $sent } de { $count } enlaces enviados.
js-bulk-result-other = { $sent } de { $count } enlaces enviados.
js-bulk-mfa-note = El inicio de sesión en dos pasos se elimina al usarse cada enlace.
js-skip-no_email = sin dirección de correo
js-skip-email_undeliverable = el correo a esta dirección rebotó o se marcó como spam
js-skip-externally_managed = lo gestiona un directorio (LDAP o Entra ID)
js-skip-account_disabled = cuenta deshabilitada
js-skip-forbidden = no puede restablecer esta cuenta
js-skip-duplicate = aparece dos veces
js-skip-not_found = no existe ese usuario
js-skip-other = no cumple los requisitos
js-fact-email = Correo
js-fact-role = Rol
js-fact-status = Estado
js-fact-mfa = Inicio de sesión en dos pasos
js-fact-source = Origen
js-fact-password-changed = Contraseña cambiada
js-fact-permissions = Permisos
js-fact-language = Idioma
js-source-local = Local
js-source-ldap = LDAP
js-source-entra_id = Entra ID
js-permission-users_read = ver usuarios
js-permission-users_manage = gestionar usuarios
js-permission-passwords_reset = enviar enlaces de restablecimiento
js-permission-passwords_set = establecer contraseñas
js-permission-audit_read = leer el registro de auditoría
js-permission-mfa_reset = restablecer el inicio de sesión en dos pasos
js-language-default = Idioma predeterminado de la organización
js-link-sent = Enlace de restablecimiento enviado a { $to }. Es válido hasta { $time }.
js-link-sent-user = Enlace de restablecimiento enviado al usuario. Es válido hasta { $time }.
js-link-mfa-note = El inicio de sesión en dos pasos se elimina cuando se use el enlace; hasta entonces sigue activado.
js-enter-the-new-password = Escriba la contraseña nueva.
js-temporary-set = Contraseña temporal establecida. Comuníquesela al usuario por un medio de confianza; deberá elegir una nueva al iniciar sesión.
js-password-set = Contraseña establecida. Se cerró la sesión del usuario en todas partes.
js-mfa-reset-too = También se restableció el inicio de sesión en dos pasos.
js-nothing-changed = No ha cambiado nada.
js-flags-saved = Ajustes de la cuenta guardados.
js-mfa-reset-done = Se restableció el inicio de sesión en dos pasos de { $username }. Se cerró su sesión en todas partes y se le avisó por correo; puede iniciar sesión solo con su contraseña y volver a configurarlo.
js-enter-a-username = Escriba un nombre de usuario.
js-activation-needs-email = Un correo de activación necesita una dirección de correo. Añada una o desmarque «Enviar correo de activación».
js-user-created-activation = Usuario { $username } creado; se envió un enlace de activación.
js-user-created = Usuario { $username } creado. Envíe un enlace de restablecimiento o establezca una contraseña para activarlo.
js-audit-empty = Todavía no hay eventos.
js-outcome-success = éxito
js-outcome-failure = error
js-outcome-refused = rechazado
js-settings-saved = Ajustes guardados.
js-brand-saved = Imagen guardada. Las páginas y los correos la usan a partir de ahora.
js-brand-name = El nombre visible debe ser un nombre de 64 caracteres como máximo, sin < > @ " ni caracteres de control.
js-brand-from = El nombre del remitente debe ser un nombre de 64 caracteres como máximo, sin < > @ " ni caracteres de control.
js-brand-color-format = Escriba el color como # y seis dígitos hexadecimales, por ejemplo #0b5394.
js-brand-color-contrast = Este color es demasiado claro: el texto blanco sobre él se leería mal (por debajo del contraste WCAG AA de 4,5:1). Elija uno más oscuro.
js-brand-support-email = La dirección de correo de soporte no es válida o es demasiado larga.
js-brand-support-phone = El teléfono de soporte solo puede contener dígitos, espacios y + - ( ) . (40 caracteres como máximo).
js-brand-support-url = La dirección web de soporte debe empezar por https:// o http:// (2000 caracteres como máximo).
js-logo-saved = Logotipo subido. Las páginas y los correos lo muestran a partir de ahora.
js-logo-choose = Elija primero un archivo de imagen.
js-logo-too-big = El archivo supera los 64 KiB.
js-logo-type = El archivo no es una imagen PNG, JPEG ni WebP (no se acepta SVG).
js-logo-unreadable = No se pueden leer los datos de la imagen.
js-logo-dimensions = La imagen debe medir entre 1 y 4096 píxeles por cada lado.
