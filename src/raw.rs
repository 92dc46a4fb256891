//! Requests known only at run time: a method, a path, a query and a body
//! that no generated request type names (a command line's `api GET /x`, a
//! route called by its template). They go through the same sessions,
//! retries and errors as typed requests; only the answer is left as bytes.

use archivesspace_core::request::{Body, Method, Query};
use bytes::Bytes;

use crate::client::Call;
use crate::streaming::BodyStream;
use crate::{Client, Error};

/// One request to any route, built at run time.
///
/// ```no_run
/// # async fn run(client: archivesspace::Client) -> Result<(), archivesspace::Error> {
/// use archivesspace::request::Method;
/// use archivesspace::RawRequest;
///
/// let mut request = RawRequest::new(Method::Get, "/repositories/2/accessions");
/// request.query.push("page", 1);
/// let bytes = client.send_raw(&request).await?;
/// let page: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RawRequest {
    /// The method.
    pub method: Method,
    /// The path below the base URL, starting with `/`
    /// (`/repositories/2/accessions/7`); no query or fragment.
    pub path: String,
    /// The query parameters (Rack's `name[]` for arrays is the caller's).
    pub query: Query,
    /// The body, if any.
    pub body: Option<Body>,
}

impl RawRequest {
    /// A request without query or body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        RawRequest {
            method,
            path: path.into(),
            query: Query::new(),
            body: None,
        }
    }

    /// The call that sends it: a path that is not below the base URL (no
    /// leading `/`, a query, a fragment or `..`) is refused before sending.
    fn call<'a>(&'a self, client: &Client) -> Result<Call<'a>, Error> {
        let path = self.path.as_str();
        let fits = path.starts_with('/')
            && !path.contains(['?', '#'])
            && !path.split('/').any(|segment| segment == "..");
        if !fits {
            return Err(Error::InvalidUri {
                uri: path.to_owned(),
            });
        }
        Ok(Call {
            method: self.method,
            path,
            url: client.url(path, &self.query)?,
            body: self.body.clone(),
            idempotent: self.method.is_idempotent(),
            authenticate: true,
        })
    }
}

impl Client {
    /// Sends a request built at run time and answers its body as bytes,
    /// read whole (up to [`ClientBuilder::max_response_size`](crate::ClientBuilder::max_response_size)).
    /// Sessions, retries and errors are as for [`Client::send`]: an answer
    /// other than 2xx is an [`Error`], with the server's message. Nothing
    /// is validated before sending.
    pub async fn send_raw(&self, request: &RawRequest) -> Result<Bytes, Error> {
        self.execute(request.call(self)?).await
    }

    /// Like [`Client::send_raw`], but a successful answer's body comes back
    /// unread, to be streamed (an export, a large listing).
    pub async fn send_raw_streaming(&self, request: &RawRequest) -> Result<BodyStream, Error> {
        let response = self.execute_streaming(request.call(self)?).await?;
        Ok(BodyStream::new(
            response,
            request.method,
            request.path.clone(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// A server that answers one request per connection with `status` and
    /// `body`, and hands back the text of each request it read.
    async fn serve(
        status: &'static str,
        body: &'static str,
    ) -> (String, tokio::task::JoinHandle<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let server = tokio::spawn(async move {
            let mut seen = Vec::new();
            // The login, then the request.
            for _ in 0..2 {
                let (mut socket, _) = listener.accept().await.expect("accept");
                let mut text = Vec::new();
                let mut buffer = [0u8; 4096];
                loop {
                    let n = socket.read(&mut buffer).await.expect("read");
                    text.extend_from_slice(&buffer[..n]);
                    let head_end = text.windows(4).position(|w| w == b"\r\n\r\n");
                    if let Some(end) = head_end {
                        let head = String::from_utf8_lossy(&text[..end]).to_lowercase();
                        let length = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length: "))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if text.len() >= end + 4 + length || n == 0 {
                            break;
                        }
                    }
                }
                let request = String::from_utf8_lossy(&text).into_owned();
                let (status, body) = if request.starts_with("POST /users/") {
                    ("200 OK", r#"{"session":"tok-1"}"#)
                } else {
                    (status, body)
                };
                let answer = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                socket.write_all(answer.as_bytes()).await.expect("write");
                seen.push(request);
            }
            seen
        });
        (url, server)
    }

    fn client(url: &str) -> Client {
        Client::builder()
            .base_url(url)
            .credentials("admin", "pw")
            .build()
            .expect("client")
    }

    #[tokio::test]
    async fn sends_method_path_query_and_body_and_answers_bytes() {
        let (url, server) = serve("200 OK", r#"{"status":"Updated"}"#).await;
        let mut request = RawRequest::new(Method::Post, "/repositories/2/accessions/7");
        request.query.push("resolve[]", "subjects");
        request.body = Some(Body::Json(br#"{"title":"T"}"#.to_vec()));
        let bytes = client(&url).send_raw(&request).await.expect("sent");
        assert_eq!(&bytes[..], br#"{"status":"Updated"}"#);
        let seen = server.await.expect("server");
        let sent = &seen[1];
        assert!(
            sent.starts_with("POST /repositories/2/accessions/7?resolve%5B%5D=subjects HTTP/1.1"),
            "{sent}"
        );
        let lower = sent.to_lowercase();
        assert!(lower.contains("content-type: application/json"), "{sent}");
        assert!(lower.contains("x-archivesspace-session: tok-1"), "{sent}");
        assert!(sent.ends_with(r#"{"title":"T"}"#), "{sent}");
    }

    #[tokio::test]
    async fn a_failed_answer_is_the_typed_error() {
        let (url, server) = serve("404 Not Found", r#"{"error":"Accession not found"}"#).await;
        let request = RawRequest::new(Method::Get, "/repositories/2/accessions/99");
        match client(&url).send_raw_streaming(&request).await {
            Err(Error::NotFound { path, message, .. }) => {
                assert_eq!(path, "/repositories/2/accessions/99");
                assert!(message.contains("Accession not found"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        drop(server);
    }

    #[tokio::test]
    async fn paths_outside_the_base_are_refused() {
        let client = client("http://127.0.0.1:9");
        for path in ["users/1", "/a?b=1", "/a/../users"] {
            let request = RawRequest::new(Method::Get, path);
            assert!(
                matches!(
                    client.send_raw(&request).await,
                    Err(Error::InvalidUri { .. })
                ),
                "{path}"
            );
        }
    }
}
