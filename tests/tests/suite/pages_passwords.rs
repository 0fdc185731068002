//! The hosted pages' password fields, as a browser sees them: masked, and
//! fillable by password managers and by paste (ASVS 5.0 6.2.6 and 6.2.7).

use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The `name="value"` attributes of each `<input ...>` of an HTML text.
fn inputs(html: &str) -> Vec<String> {
    html.split("<input")
        .skip(1)
        .map(|rest| rest.split('>').next().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn every_password_field_is_masked_and_fillable() {
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let mut pages = Vec::new();
    files(&web, "html", &mut pages);
    let mut password_fields = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        for input in inputs(&html) {
            let masked = input.contains(r#"type="password""#);
            let names_a_password = input.contains("current-password")
                || input.contains("new-password")
                || input.contains(r#"id="password""#);
            // THEN a field that takes a password is masked
            assert_eq!(
                masked,
                names_a_password,
                "{}: <input{input}>",
                page.display()
            );
            if masked {
                password_fields += 1;
                // AND says which password it takes, so a manager fills it
                assert!(
                    input.contains(r#"autocomplete="current-password""#)
                        || input.contains(r#"autocomplete="new-password""#),
                    "{}: <input{input}>",
                    page.display()
                );
                assert!(!input.contains("onpaste"), "{}", page.display());
            }
        }
        assert!(
            !html.contains("onpaste") && !html.contains("oncopy"),
            "{}",
            page.display()
        );
    }
    assert!(
        password_fields >= 8,
        "the pages have their password fields: {password_fields}"
    );
    // AND no script stops a paste or changes a field into plain text
    let mut scripts = Vec::new();
    files(&web.join("js"), "js", &mut scripts);
    assert!(!scripts.is_empty());
    for script in scripts {
        let js = std::fs::read_to_string(&script).unwrap();
        for banned in [
            "'paste'",
            "\"paste\"",
            "onpaste",
            "preventDefault() // paste",
        ] {
            assert!(!js.contains(banned), "{} handles paste", script.display());
        }
    }
}
