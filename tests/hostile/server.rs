//! A small HTTP/1.1 server on raw TCP, so that a test decides every byte
//! of an answer: its framing (a `Content-Length` that lies, chunks that
//! stop, a body that never ends or trickles), its headers and its body.
//! It listens on 127.0.0.1 only.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How an answer's body is put on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum Framing {
    /// `Content-Length` with the body's length.
    Length,
    /// `Content-Length` off by this many bytes (more: the body ends early
    /// and the connection closes; fewer: the rest is left over).
    LengthOff(i64),
    /// No length: the body ends when the connection closes.
    Close,
    /// `Transfer-Encoding: chunked`, in chunks of this size (at least 1).
    Chunked(usize),
    /// Chunked, but only this much of the body is sent, then the
    /// connection closes without the last chunk.
    ChunkedCut(usize),
    /// Chunked, this much of the body, then nothing (the connection stays
    /// open and silent).
    ChunkedStall(usize),
    /// The headers, then nothing at all.
    Stall,
    /// A byte every 20 ms, the body over and over, never ending.
    Trickle,
    /// The body over and over, as fast as the client reads, never ending.
    Endless,
}

/// One answer.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    /// Extra headers (`Content-Type` among them, if any).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub framing: Framing,
}

impl Answer {
    /// A JSON answer with a correct `Content-Length`.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Answer {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
            framing: Framing::Length,
        }
    }
}

/// What a request looked like, and when it arrived.
#[derive(Debug, Clone)]
pub struct Seen {
    pub at: Instant,
    pub method: String,
    pub target: String,
}

type Route = dyn Fn(&str, &str) -> Answer + Send + Sync;

/// The running server; it stops with the runtime it was started on.
#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    route: Arc<Mutex<Arc<Route>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// No connection is served longer than this, whatever its answer.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(30);

impl Server {
    /// Starts listening on a free port of 127.0.0.1; every request gets a
    /// 404 until [`Server::answer`] says otherwise.
    pub async fn start() -> std::io::Result<Server> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let server = Server {
            addr: listener.local_addr()?,
            route: Arc::new(Mutex::new(Arc::new(|_: &str, _: &str| {
                Answer::json(404, r#"{"error":"Sinatra::NotFound"}"#)
            }))),
            seen: Arc::new(Mutex::new(Vec::new())),
        };
        let handle = server.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let handle = handle.clone();
                tokio::spawn(async move {
                    let _ = tokio::time::timeout(CONNECTION_LIFETIME, handle.serve(socket)).await;
                });
            }
        });
        Ok(server)
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// From now on, requests are answered by `route(method, target)`.
    pub fn answer(&self, route: impl Fn(&str, &str) -> Answer + Send + Sync + 'static) {
        *lock(&self.route) = Arc::new(route);
        lock(&self.seen).clear();
    }

    /// The requests since the last [`Server::answer`].
    pub fn seen(&self) -> Vec<Seen> {
        lock(&self.seen).clone()
    }

    async fn serve(&self, mut socket: TcpStream) -> std::io::Result<()> {
        // One request a connection: every answer says `Connection: close`.
        let mut head = Vec::new();
        let mut byte = [0u8; 1024];
        let end = loop {
            let n = socket.read(&mut byte).await?;
            if n == 0 {
                return Ok(());
            }
            head.extend_from_slice(&byte[..n]);
            if let Some(end) = head.windows(4).position(|w| w == b"\r\n\r\n") {
                break end + 4;
            }
            if head.len() > 1 << 20 {
                return Ok(());
            }
        };
        let text = String::from_utf8_lossy(&head[..end]).into_owned();
        let mut words = text.split_whitespace();
        let method = words.next().unwrap_or("").to_owned();
        let target = words.next().unwrap_or("").to_owned();
        let length: usize = text
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.trim().parse().ok())
            .unwrap_or(0);
        let mut body_read = head.len() - end;
        while body_read < length {
            let n = socket.read(&mut byte).await?;
            if n == 0 {
                break;
            }
            body_read += n;
        }
        lock(&self.seen).push(Seen {
            at: Instant::now(),
            method: method.clone(),
            target: target.clone(),
        });
        let route = lock(&self.route).clone();
        let answer = route(&method, &target);
        write_answer(&mut socket, &answer).await
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match mutex.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

async fn write_answer(socket: &mut TcpStream, answer: &Answer) -> std::io::Result<()> {
    let body = &answer.body;
    let mut head = format!(
        "HTTP/1.1 {} Whatever\r\nConnection: close\r\n",
        answer.status
    );
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match &answer.framing {
        Framing::Length => head.push_str(&format!("Content-Length: {}\r\n", body.len())),
        Framing::LengthOff(delta) => {
            let declared = (body.len() as i64 + delta).max(0);
            head.push_str(&format!("Content-Length: {declared}\r\n"));
        }
        Framing::Chunked(_)
        | Framing::ChunkedCut(_)
        | Framing::ChunkedStall(_)
        | Framing::Trickle
        | Framing::Endless => head.push_str("Transfer-Encoding: chunked\r\n"),
        Framing::Close | Framing::Stall => {}
    }
    head.push_str("\r\n");
    socket.write_all(head.as_bytes()).await?;
    match &answer.framing {
        Framing::Length | Framing::LengthOff(_) | Framing::Close => {
            socket.write_all(body).await?;
        }
        Framing::Chunked(size) => {
            for chunk in body.chunks((*size).max(1)) {
                write_chunk(socket, chunk).await?;
            }
            socket.write_all(b"0\r\n\r\n").await?;
        }
        Framing::ChunkedCut(upto) | Framing::ChunkedStall(upto) => {
            let upto = (*upto).min(body.len());
            for chunk in body[..upto].chunks(64) {
                write_chunk(socket, chunk).await?;
            }
            if matches!(answer.framing, Framing::ChunkedStall(_)) {
                std::future::pending::<()>().await;
            }
        }
        Framing::Stall => std::future::pending::<()>().await,
        Framing::Trickle => loop {
            for b in body.iter().chain(b" ") {
                write_chunk(socket, std::slice::from_ref(b)).await?;
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        },
        Framing::Endless => {
            let unit = if body.is_empty() { &b" "[..] } else { body };
            let block = unit.repeat((65536 / unit.len()).max(1));
            loop {
                write_chunk(socket, &block).await?;
            }
        }
    }
    socket.flush().await
}

async fn write_chunk(socket: &mut TcpStream, chunk: &[u8]) -> std::io::Result<()> {
    if chunk.is_empty() {
        return Ok(());
    }
    socket
        .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
        .await?;
    socket.write_all(chunk).await?;
    socket.write_all(b"\r\n").await
}
