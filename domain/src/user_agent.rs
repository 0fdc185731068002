//! What a person sees of the browser a session was created from: a short
//! summary like "Firefox on Windows", from a fixed vocabulary. The header
//! itself is never stored nor shown: it is any text a client chose, and a
//! list of sessions is read in an admin console.

/// Browsers and tools, most specific first: many browsers name the ones
/// they descend from (Edge's header says Chrome and Safari, Chrome's says
/// Safari), so the first match is the real one.
const BROWSERS: [(&str, &str); 15] = [
    ("edg/", "Edge"),
    ("edga/", "Edge"),
    ("edgios/", "Edge"),
    ("opr/", "Opera"),
    ("samsungbrowser/", "Samsung Internet"),
    ("vivaldi/", "Vivaldi"),
    ("fxios/", "Firefox"),
    ("firefox/", "Firefox"),
    ("crios/", "Chrome"),
    ("chromium/", "Chromium"),
    ("chrome/", "Chrome"),
    ("safari/", "Safari"),
    ("curl/", "curl"),
    ("wget/", "Wget"),
    ("python-requests/", "Python"),
];

/// Systems, most specific first: iOS headers say "like Mac OS X", Android's
/// say Linux.
const SYSTEMS: [(&str, &str); 8] = [
    ("iphone", "iOS"),
    ("ipad", "iPadOS"),
    ("android", "Android"),
    ("cros", "ChromeOS"),
    ("windows", "Windows"),
    ("mac os x", "macOS"),
    ("macintosh", "macOS"),
    ("linux", "Linux"),
];

/// The longest header read: a summary needs its start only, and a huge
/// header costs nothing more than this.
const MAX_READ: usize = 512;

/// "Browser on System", "Browser" or "Unknown browser on System" from a
/// User-Agent header; `None` when neither is recognised.
pub fn user_agent_summary(header: &str) -> Option<String> {
    let end = header
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take_while(|end| *end <= MAX_READ)
        .last()
        .unwrap_or(0);
    let ua = header[..end].to_ascii_lowercase();
    let find = |table: &[(&str, &'static str)]| {
        table
            .iter()
            .find(|(needle, _)| ua.contains(needle))
            .map(|(_, name)| *name)
    };
    match (find(&BROWSERS), find(&SYSTEMS)) {
        (Some(browser), Some(system)) => Some(format!("{browser} on {system}")),
        (Some(browser), None) => Some(browser.to_owned()),
        (None, Some(system)) => Some(format!("Unknown browser on {system}")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::user_agent_summary;

    #[test]
    fn common_browsers_are_named_with_their_system() {
        for (header, summary) in [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "Firefox on Windows",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
                "Edge on Windows",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
                "Chrome on macOS",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
                "Safari on macOS",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari on iOS",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
                "Chrome on iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
                "Chrome on Android",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
                "Samsung Internet on Android",
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0",
                "Opera on Linux",
            ),
            (
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
                "Chrome on ChromeOS",
            ),
            ("curl/8.5.0", "curl"),
        ] {
            assert_eq!(
                user_agent_summary(header).as_deref(),
                Some(summary),
                "{header}"
            );
        }
    }

    #[test]
    fn an_unknown_header_is_never_echoed() {
        // GIVEN headers naming nothing known, or markup
        for header in ["", "   ", "<script>alert(1)</script>", "MyBot 1.0"] {
            // THEN no summary at all
            assert_eq!(user_agent_summary(header), None, "{header}");
        }
        // GIVEN a known system with an unknown client THEN the system alone is named
        assert_eq!(
            user_agent_summary("SomeApp/2.1 (Windows NT 10.0) <b>hi</b>").as_deref(),
            Some("Unknown browser on Windows")
        );
    }

    #[test]
    fn only_the_start_of_a_huge_header_is_read() {
        // GIVEN a header whose browser is named past the bytes read, after
        // multi-byte characters straddling the limit
        let header = format!("{} Firefox/128.0", "é".repeat(400));
        // THEN it is not recognised (and nothing panics on the char boundary)
        assert_eq!(user_agent_summary(&header), None);
        let header = format!("Firefox/128.0 {}", "é".repeat(400));
        assert_eq!(user_agent_summary(&header).as_deref(), Some("Firefox"));
    }
}
