//! TLS: which servers the client trusts, and the certificate it shows them.
//!
//! The client builds its own rustls configuration and hands it to reqwest,
//! rather than letting reqwest build one, for two reasons. reqwest's own
//! rustls setup needs a crypto provider: its `rustls` feature brings
//! aws-lc-rs (a C library, half a minute of every cold build), and its
//! `rustls-no-provider` feature panics at `Client` build unless the
//! application installed a process-wide provider first. A library must not
//! install one itself: `CryptoProvider::install_default` succeeds only once
//! per process, so it would fight the application's own choice. So the
//! configuration is built here with an explicit provider: the one the
//! application installed, if any, else ring.
//!
//! Server certificates are checked by rustls-platform-verifier, as reqwest
//! does: the platform's trust store (on Linux the system's CA bundle,
//! `SSL_CERT_FILE` / `SSL_CERT_DIR` honoured; on macOS and Windows the
//! system verifier), plus any extra roots given, which are trusted in
//! addition to the platform's, not instead of them.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::Error;

/// Certificates to trust as roots, besides the platform's: a site's private
/// CA. Given to [`ClientBuilder::add_root_certificate`](crate::ClientBuilder::add_root_certificate).
#[derive(Clone)]
pub struct Certificate {
    ders: Vec<CertificateDer<'static>>,
}

impl Certificate {
    /// Every certificate in PEM text (a bundle may hold several). Fails when
    /// there is none, or one that does not parse as an X.509 certificate.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let pem = std::fs::read("site-ca.pem")?;
    /// let ca = archivesspace::Certificate::from_pem(&pem)?;
    /// # let _ = ca;
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Certificate, Error> {
        Certificate::parse_pem(pem.as_ref()).map_err(Error::config)
    }

    /// A file holding PEM certificates; errors name the file.
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Certificate, Error> {
        let path = path.as_ref();
        let text = read(path, "CA file")?;
        Certificate::parse_pem(&text)
            .map_err(|what| Error::config(format!("CA file {}: {what}", path.display())))
    }

    /// One DER-encoded certificate.
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Certificate, Error> {
        let der = CertificateDer::from(der.into());
        check_root(&der).map_err(|e| Error::config(format!("not a usable CA certificate: {e}")))?;
        Ok(Certificate { ders: vec![der] })
    }

    /// How many certificates this holds.
    pub fn len(&self) -> usize {
        self.ders.len()
    }

    /// Always false: a `Certificate` holds at least one.
    pub fn is_empty(&self) -> bool {
        self.ders.is_empty()
    }

    fn parse_pem(pem: &[u8]) -> Result<Certificate, String> {
        let ders = CertificateDer::pem_slice_iter(pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("not PEM certificates: {e}"))?;
        if ders.is_empty() {
            return Err("no PEM certificate in it (no `-----BEGIN CERTIFICATE-----`)".to_owned());
        }
        for (n, der) in ders.iter().enumerate() {
            check_root(der).map_err(|e| format!("certificate {} of {}: {e}", n + 1, ders.len()))?;
        }
        Ok(Certificate { ders })
    }
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("certificates", &self.ders.len())
            .finish()
    }
}

/// A client certificate (with its chain) and its private key, for servers
/// that ask for one (mutual TLS). Given to
/// [`ClientBuilder::identity`](crate::ClientBuilder::identity). The key never
/// shows in `Debug` output or errors.
pub struct Identity {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

impl Identity {
    /// From PEM text: `cert` holds the client certificate first, then any
    /// intermediates; `key` its private key (PKCS#8, PKCS#1 or SEC1). Both
    /// may be the same text, a combined PEM file.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let cert = std::fs::read("harvester.crt")?;
    /// let key = std::fs::read("harvester.key")?;
    /// let me = archivesspace::Identity::from_pem(&cert, &key)?;
    /// # let _ = me;
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_pem(cert: impl AsRef<[u8]>, key: impl AsRef<[u8]>) -> Result<Identity, Error> {
        let chain = certificates(cert.as_ref())
            .map_err(|what| Error::config(format!("client certificate: {what}")))?;
        let key = private_key(key.as_ref())
            .map_err(|what| Error::config(format!("client key: {what}")))?;
        Ok(Identity { chain, key })
    }

    /// From PEM files; without `key`, the key is read from `cert`, a
    /// combined file. Errors name the file.
    pub fn from_pem_files(cert: &Path, key: Option<&Path>) -> Result<Identity, Error> {
        let cert_text = read(cert, "client certificate file")?;
        let chain = certificates(&cert_text).map_err(|what| {
            Error::config(format!(
                "client certificate file {}: {what}",
                cert.display()
            ))
        })?;
        let (key_path, key_text) = match key {
            Some(path) => (path, read(path, "client key file")?),
            None => (cert, cert_text),
        };
        let key = private_key(&key_text).map_err(|what| {
            Error::config(format!("client key file {}: {what}", key_path.display()))
        })?;
        Ok(Identity { chain, key })
    }
}

impl Clone for Identity {
    fn clone(&self) -> Self {
        Identity {
            chain: self.chain.clone(),
            key: self.key.clone_key(),
        }
    }
}

impl fmt::Debug for Identity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Identity")
            .field("certificates", &self.chain.len())
            .field("key", &"[redacted]")
            .finish()
    }
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>, Error> {
    std::fs::read(path)
        .map_err(|e| Error::config(format!("cannot read the {what} {}: {e}", path.display())))
}

fn certificates(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    let ders = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("not PEM: {e}"))?;
    if ders.is_empty() {
        return Err("no PEM certificate in it (no `-----BEGIN CERTIFICATE-----`)".to_owned());
    }
    Ok(ders)
}

fn private_key(pem: &[u8]) -> Result<PrivateKeyDer<'static>, String> {
    // The parser's own message may quote the text; the text is a secret.
    PrivateKeyDer::from_pem_slice(pem).map_err(|e| match e {
        rustls::pki_types::pem::Error::NoItemsFound => {
            "no PEM private key in it (no `-----BEGIN PRIVATE KEY-----` or the RSA/EC forms)"
                .to_owned()
        }
        _ => "not a readable PEM private key".to_owned(),
    })
}

/// Whether a certificate can serve as a trust anchor (it parses).
fn check_root(der: &CertificateDer<'_>) -> Result<(), rustls::Error> {
    rustls::RootCertStore::empty().add(der.clone())
}

/// The crypto provider: the application's, if it installed one for the
/// process, else ring. Never installed globally from here.
fn provider() -> Arc<CryptoProvider> {
    CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()))
}

/// The rustls configuration of a client: the platform's roots and `extra`,
/// and `identity` if given. `https` says whether the base URL is one: only
/// then is a machine with no trusted roots at all a configuration error
/// (an `http` base still needs a configuration, for redirects and proxies,
/// which then trusts nothing).
pub(crate) fn client_config(
    extra: &[Certificate],
    identity: Option<&Identity>,
    https: bool,
) -> Result<rustls::ClientConfig, Error> {
    let provider = provider();
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::config(format!("TLS: {e}")))?;
    let roots: Vec<CertificateDer<'static>> =
        extra.iter().flat_map(|c| c.ders.iter().cloned()).collect();
    let builder = match verifier(roots, provider) {
        Ok(verifier) => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier)),
        Err(e) if https => {
            return Err(Error::config(format!(
                "no CA certificates to check the server's with: {e} (give the site's CA with \
                 `ca_file`, ASPACE_CA_FILE or ClientBuilder::add_root_certificate)"
            )))
        }
        Err(_) => builder.with_root_certificates(rustls::RootCertStore::empty()),
    };
    let mut config = match identity {
        Some(identity) => builder
            .with_client_auth_cert(identity.chain.clone(), identity.key.clone_key())
            .map_err(|e| Error::config(format!("the client certificate and key: {e}")))?,
        None => builder.with_no_client_auth(),
    };
    // reqwest is built without HTTP/2; ArchivesSpace serves HTTP/1.1.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(not(target_os = "android"))]
fn verifier(
    roots: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        rustls_platform_verifier::Verifier::new_with_extra_roots(roots, provider)
    }
}

#[cfg(target_os = "android")]
fn verifier(
    roots: Vec<CertificateDer<'static>>,
    provider: Arc<CryptoProvider>,
) -> Result<rustls_platform_verifier::Verifier, rustls::Error> {
    if roots.is_empty() {
        rustls_platform_verifier::Verifier::new(provider)
    } else {
        Err(rustls::Error::General(
            "extra CA certificates are not supported on Android".to_owned(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_pem_is_a_clear_error() {
        let Err(Error::Config { message }) = Certificate::from_pem("hello") else {
            panic!("accepted");
        };
        assert!(message.contains("no PEM certificate"), "{message}");
        let garbage = "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n";
        let Err(Error::Config { message }) = Certificate::from_pem(garbage) else {
            panic!("accepted");
        };
        assert!(message.starts_with("certificate 1 of 1: "), "{message}");
    }

    #[test]
    fn a_bad_key_is_named_but_not_shown() -> Result<(), rcgen::Error> {
        let cert = rcgen::generate_simple_self_signed(vec!["client".to_owned()])?
            .cert
            .pem();
        let key =
            "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----\n";
        let shown = match Identity::from_pem(cert, key) {
            Ok(identity) => {
                let e = client_config(&[], Some(&identity), false).map(|_| ());
                format!("{identity:?} {e:?}")
            }
            Err(e) => format!("{e} {e:?}"),
        };
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
        assert!(!shown.contains("secret-key"), "{shown}");
        Ok(())
    }

    #[test]
    fn missing_files_are_named() {
        let Err(Error::Config { message }) = Certificate::from_pem_file("/nonexistent/ca.pem")
        else {
            panic!("accepted");
        };
        assert!(
            message.starts_with("cannot read the CA file /nonexistent/ca.pem: "),
            "{message}"
        );
    }
}
