//! What a failed request's transport error says, in one line, and whether
//! trying again could mend it.
//!
//! reqwest's own message is "error sending request for url (...)": the cause
//! (a certificate the client does not trust, a host name that does not
//! resolve) sits several errors down the source chain, where a log line or
//! a `{e}` never shows it. The chain is walked here once, for the message
//! and for the retry decision alike.

use std::error::Error as StdError;
use std::io;

/// What the chain comes down to.
enum Cause<'a> {
    /// A TLS failure: certificates, a refused handshake.
    Tls(&'a rustls::Error),
    /// The host name did not resolve; `detail` is the resolver's message.
    Dns { detail: String },
    /// The proxy answered 407: it wants credentials the client did not
    /// give, or refused those it gave.
    ProxyAuth,
    /// Anything else; the chain's messages say it.
    Other,
}

/// Every error of the chain below `top` (not `top` itself), including the
/// errors `io::Error`s wrap, which `io::Error::source` skips (it answers
/// the wrapped error's own source): tokio-rustls's TLS failures are a
/// `rustls::Error` inside an `io::Error`, inside another one.
fn chain<'a>(top: &'a (dyn StdError + 'static)) -> Vec<&'a (dyn StdError + 'static)> {
    let mut out = Vec::new();
    let mut next = top.source();
    // Bounded: a chain is a handful of errors; a cycle would be a bug elsewhere.
    while let Some(mut err) = next {
        if out.len() >= 32 {
            break;
        }
        out.push(err);
        while let Some(inner) = err.downcast_ref::<io::Error>().and_then(|e| e.get_ref()) {
            if out.len() >= 32 {
                break;
            }
            err = inner;
            out.push(err);
        }
        next = err.source();
    }
    out
}

fn cause<'a>(errors: &[&'a (dyn StdError + 'static)]) -> Cause<'a> {
    if let Some(tls) = errors
        .iter()
        .find_map(|e| e.downcast_ref::<rustls::Error>())
    {
        return Cause::Tls(tls);
    }
    // hyper-util's message for a 407 answer to `CONNECT` (after "tunnel
    // error: ").
    if errors
        .iter()
        .any(|e| e.to_string().ends_with("proxy authorization required"))
    {
        return Cause::ProxyAuth;
    }
    // The connection to a proxy failed, not to the server: the URL's host
    // is not the one that did not resolve or refused. (hyper-util's
    // messages; its error types are not public.)
    if errors
        .iter()
        .any(|e| e.to_string().starts_with("tunnel error"))
    {
        return Cause::Other;
    }
    // hyper-util's connector names a failed lookup "dns error", over the
    // resolver's io::Error.
    if let Some(at) = errors.iter().position(|e| e.to_string() == "dns error") {
        let detail = errors[at + 1..]
            .last()
            .map(|e| e.to_string())
            .unwrap_or_default();
        return Cause::Dns { detail };
    }
    Cause::Other
}

/// The cause of `error` in one line, without the URL (the caller shows it).
pub(crate) fn describe(error: &reqwest::Error) -> String {
    let errors = chain(error);
    let host = error
        .url()
        .and_then(|u| u.host_str())
        .unwrap_or("the server")
        .to_owned();
    match cause(&errors) {
        Cause::Tls(tls) => describe_tls(tls),
        Cause::Dns { detail } if detail.is_empty() => {
            format!("cannot resolve the host name {host}")
        }
        Cause::Dns { detail } => format!("cannot resolve the host name {host}: {detail}"),
        Cause::ProxyAuth => "the proxy requires authentication (HTTP 407): give its user and \
                             password in the proxy URL (http://user:password@proxy:port)"
            .to_owned(),
        Cause::Other => {
            if error.is_timeout() {
                return "timed out".to_owned();
            }
            // Not named after the URL's host: through a proxy (`HTTP_PROXY`)
            // the refusal may be the proxy's.
            let kinds = || {
                errors
                    .iter()
                    .filter_map(|e| e.downcast_ref::<io::Error>().map(io::Error::kind))
            };
            let tunnel = errors
                .iter()
                .any(|e| e.to_string().starts_with("tunnel error"));
            if !tunnel && kinds().any(|k| k == io::ErrorKind::ConnectionRefused) {
                return "connection refused".to_owned();
            }
            if !tunnel && kinds().any(|k| k == io::ErrorKind::ConnectionReset) {
                return "connection reset by the peer".to_owned();
            }
            if tunnel {
                return format!(
                    "cannot reach the server through the proxy: {}",
                    joined(error, &errors)
                );
            }
            joined(error, &errors)
        }
    }
}

fn describe_tls(tls: &rustls::Error) -> String {
    use rustls::AlertDescription as Alert;
    match tls {
        rustls::Error::InvalidCertificate(_) => {
            format!("the server's certificate is not trusted: {tls}")
        }
        rustls::Error::AlertReceived(Alert::CertificateRequired) => {
            format!("the server requires a client certificate: {tls}")
        }
        rustls::Error::AlertReceived(
            Alert::BadCertificate
            | Alert::UnknownCA
            | Alert::CertificateUnknown
            | Alert::UnsupportedCertificate
            | Alert::CertificateExpired
            | Alert::CertificateRevoked
            | Alert::AccessDenied,
        ) => format!("the server refused the client certificate: {tls}"),
        _ => format!("TLS handshake failed: {tls}"),
    }
}

/// The chain's messages joined by ": ", each left out when the one before
/// already says it (hyper repeats its causes in its own messages), after
/// what reqwest was doing when it failed, unless that was just sending.
fn joined(top: &reqwest::Error, errors: &[&(dyn StdError + 'static)]) -> String {
    // reqwest's own message, without the URL it appends (the caller shows
    // it, without the query).
    let doing = if top.is_decode() {
        Some("error decoding response body")
    } else if top.is_body() {
        Some("request or response body error")
    } else if top.is_redirect() {
        Some("error following redirect")
    } else if top.is_builder() {
        Some("cannot build the request")
    } else {
        None
    };
    let mut parts: Vec<String> = doing.into_iter().map(str::to_owned).collect();
    for err in errors {
        let text = err.to_string();
        // hyper-util's "client error (Connect)" says nothing its causes do not.
        let says_nothing = text.starts_with("client error (") && !text.contains(':');
        if text.is_empty() || says_nothing || parts.last().is_some_and(|p| p.contains(&text)) {
            continue;
        }
        parts.push(text);
    }
    if parts.is_empty() {
        parts.push("error sending request".to_owned());
    }
    parts.join(": ").replace(['\n', '\r'], " ")
}

/// Whether no retry can mend `error`: a TLS failure (the certificates will
/// not change between attempts), a host name the resolver says does not
/// exist (not a temporary resolver failure), a proxy that wants other
/// credentials (407), a request reqwest could not
/// build.
pub(crate) fn is_permanent(error: &reqwest::Error) -> bool {
    if error.is_builder() {
        return true;
    }
    match cause(&chain(error)) {
        Cause::Tls(_) | Cause::ProxyAuth => true,
        // EAI_AGAIN: the resolver could not answer now; that may pass.
        Cause::Dns { detail } => !detail.contains("Temporary failure"),
        Cause::Other => false,
    }
}

/// The URL of a failed request as shown in messages: without its query
/// (ids, search terms: long, and nothing to do with the failure); `path`
/// when reqwest did not keep the URL.
pub(crate) fn target(path: &str, error: &reqwest::Error) -> String {
    match error.url() {
        Some(url) => {
            let mut url = url.clone();
            url.set_query(None);
            url.set_fragment(None);
            url.to_string()
        }
        None => path.to_owned(),
    }
}
