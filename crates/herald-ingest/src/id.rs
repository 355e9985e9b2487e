//! Article identity: URL normalisation and stable hashes.
//!
//! The hash is 64-bit FNV-1a, written out here: tiny, dependency-free and specified by its
//! constants, so ids never change with a library upgrade or between platforms. It is not
//! cryptographic; 64 bits keep accidental collisions negligible for the tens of millions of
//! articles a store holds (about 1 in 10^5 for ten million).

/// Tracking query parameters dropped from URLs before they identify an article.
const TRACKING_PARAMS: &[&str] =
    &["fbclid", "gclid", "dclid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid"];

/// A stable id for an article: `u` + 16 hex digits of the hash of [`normalize_url`] when
/// there is a URL, else `c` + [`content_hash`] of the text.
///
/// URL variants that differ only in case of scheme or host, fragment, tracking parameters
/// (`utm_*`, `fbclid`, `gclid`, …), default port or trailing slash get the same id.
///
/// ```
/// use herald_ingest::article_id;
/// let a = article_id(Some("HTTPS://Example.com:443/news/story/?utm_source=x#top"), "");
/// assert_eq!(a, article_id(Some("https://example.com/news/story"), "other text"));
/// assert!(a.starts_with('u') && a.len() == 17);
/// assert_eq!(article_id(None, "Some  text.\n"), article_id(None, "Some text."));
/// ```
pub fn article_id(url: Option<&str>, text: &str) -> String {
    match url.map(str::trim).filter(|u| !u.is_empty()) {
        Some(url) => format!("u{:016x}", fnv1a64(normalize_url(url).as_bytes())),
        None => format!("c{}", content_hash(text)),
    }
}

/// 16 hex digits identifying the text up to whitespace: runs of whitespace count as one
/// space and leading/trailing whitespace is ignored. Equal hashes mean (all but certainly)
/// exactly duplicate articles.
pub fn content_hash(text: &str) -> String {
    let mut h = Fnv1a64::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            h.write(b" ");
        }
        h.write(word.as_bytes());
    }
    format!("{:016x}", h.0)
}

/// The URL in the form that identifies an article: scheme and host lowercased, default port,
/// fragment, tracking parameters (`utm_*`, `fbclid`, `gclid`, …) and trailing slash (except
/// the root's) dropped. Strings that are not `scheme://…` URLs are only trimmed.
pub fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return url.to_owned();
    }
    let scheme = scheme.to_ascii_lowercase();
    let rest = rest.split('#').next().unwrap_or("");
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => (&before_query[..i], &before_query[i..]),
        None => (before_query, ""),
    };
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let mut host = hostport.to_lowercase();
    // Drop the default port (and an empty one: "example.com:").
    if let Some(i) = host.rfind(':').filter(|&i| !host[i..].contains(']')) {
        let port = &host[i + 1..];
        let default =
            matches!((scheme.as_str(), port), ("http", "80") | ("https", "443") | (_, ""));
        if default {
            host.truncate(i);
        }
    }
    if host.ends_with('.') {
        host.pop();
    }
    let mut path = path.to_owned();
    while path.len() > 1 && path.ends_with('/') {
        path.pop();
    }
    let query: Vec<&str> = query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or("").to_ascii_lowercase();
            !(key.starts_with("utm_") || TRACKING_PARAMS.contains(&key.as_str()))
        })
        .collect();
    let mut out = format!("{scheme}://");
    if let Some(u) = userinfo {
        out.push_str(u);
        out.push('@');
    }
    out.push_str(&host);
    out.push_str(if path.is_empty() { "/" } else { &path });
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    out
}

struct Fnv1a64(u64);

impl Fnv1a64 {
    fn new() -> Fnv1a64 {
        Fnv1a64(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a64::new();
    h.write(bytes);
    h.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_urls() {
        let cases = [
            (
                "HTTPS://WWW.Example.COM/Path/?utm_source=a&x=1&fbclid=2#frag",
                "https://www.example.com/Path?x=1",
            ),
            ("http://example.com:80", "http://example.com/"),
            ("http://example.com/", "http://example.com/"),
            ("https://example.com:8443/a/", "https://example.com:8443/a"),
            ("https://example.com/?gclid=1", "https://example.com/"),
            ("https://example.com/a?", "https://example.com/a"),
            ("not a url", "not a url"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_url(input), want, "{input}");
        }
    }

    #[test]
    fn fnv_reference_values() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }
}
