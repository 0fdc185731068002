//! Embeds the hosted pages' assets: every `.css` and `.js` file under `web/`
//! (the HTML templates are filled per request and embedded by `http::pages`)
//! becomes an entry of `ASSETS`, served at `/assets/{path}`. A new module is
//! served without a line of Rust; a path outside this list is 404.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("css" | "js")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let web = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("../web");
    println!("cargo:rerun-if-changed={}", web.display());
    let mut files = Vec::new();
    walk(&web, &mut files)?;
    files.sort();
    let mut code = String::from("pub const ASSETS: &[(&str, &str)] = &[\n");
    for file in files {
        let key = file
            .strip_prefix(&web)?
            .to_str()
            .ok_or("an asset's path is not UTF-8")?
            .replace('\\', "/");
        writeln!(
            code,
            "    ({key:?}, include_str!({:?})),",
            file.canonicalize()?.display().to_string()
        )?;
    }
    code.push_str("];\n");
    std::fs::write(
        PathBuf::from(std::env::var("OUT_DIR")?).join("assets.rs"),
        code,
    )?;
    Ok(())
}
