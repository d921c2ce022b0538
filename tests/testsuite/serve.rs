//! `tariffpress serve` over HTTP: only loopback by default, a port in use
//! named in the error, the Host check against DNS rebinding, traversal and
//! listings answered 404, a live rebuild reaching the page data, the error
//! overlay's located problem, and a premium's worksheet. The same server in
//! a real browser is `serve_browser`.

use crate::support::{project, replace, stderr_lines, tariffpress};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

/// A running `serve --port 0`, killed when dropped.
pub(crate) struct Server {
    child: Child,
    /// The address it printed.
    pub(crate) address: SocketAddr,
    /// Its stderr lines after the first.
    _lines: Receiver<String>,
}

impl Server {
    /// Starts `serve` on `root` on a free port, in `locale`, with `args`.
    pub(crate) fn start(root: &Path, locale: &str, args: &[&str]) -> Server {
        let mut child = tariffpress()
            .env("LANG", locale)
            .arg("--root")
            .arg(root)
            .args(["serve", "--port", "0"])
            .args(args)
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let lines = stderr_lines(&mut child);
        let first = lines
            .recv_timeout(Duration::from_secs(60))
            .expect("serve says where it listens");
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in {first:?}"));
        let address = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .parse()
            .unwrap_or_else(|_| panic!("no address in {first:?}"));
        Server {
            child,
            address,
            _lines: lines,
        }
    }

    /// `GET path` with the right Host header.
    pub(crate) fn get(&self, path: &str) -> Response {
        let host = self.address.to_string();
        request(self.address, path, &[("Host", &host)])
    }

    /// The app's state once `ready` holds for it (polled for two minutes).
    pub(crate) fn wait_state(
        &self,
        what: &str,
        ready: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let response = self.get("/api/state");
            if response.status == 200 {
                let state: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
                if ready(&state) {
                    return state;
                }
                if started.elapsed() > Duration::from_secs(120) {
                    panic!("no {what} within two minutes; state: {state:#}");
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A raw HTTP response.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) head: String,
    pub(crate) body: Vec<u8>,
}

/// Sends `GET path` as written (no client normalises `..` away) with the
/// given headers.
pub(crate) fn request(address: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Response {
    let mut stream = TcpStream::connect(address).expect("the server accepts");
    let mut text = format!("GET {path} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    stream.write_all(text.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    let mut body = raw[split + 4..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        body = unchunk(&body);
    }
    Response { status, head, body }
}

fn unchunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = raw.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&raw[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 4 + size..];
    }
    out
}

/// Every document of the fixture project has its pages.
pub(crate) fn all_pages(state: &serde_json::Value) -> bool {
    let documents = &state["documents"];
    let programs = state["programs"].as_array().cloned().unwrap_or_default();
    !programs.is_empty()
        && programs.iter().all(|p| {
            p["documents"].as_array().unwrap().iter().all(|d| {
                let name = format!("{}/{}", p["id"].as_str().unwrap(), d.as_str().unwrap());
                documents[&name]["pages"]
                    .as_array()
                    .is_some_and(|pages| !pages.is_empty())
            })
        })
}

/// The yen printed for `key` in `document`, from the premiums located on
/// its pages.
pub(crate) fn printed(state: &serde_json::Value, document: &str, key: &str) -> Option<i64> {
    state["documents"][document]["spots"]
        .as_array()?
        .iter()
        .find(|s| s["key"] == key)
        .and_then(|s| s["yen"].as_i64())
}

/// The rate sheet of kagoshima-2025 prints clinics under H1, whose base
/// rate the edits below change.
pub(crate) const SHEET: &str = "kagoshima-2025/rate-sheet";
pub(crate) const TARIFF: &str = "content/products/cyber/tariffs/2024-04-01.yaml";

/// The key of a clinic H1 premium on the rate sheet.
pub(crate) fn clinic_h1(state: &serde_json::Value) -> String {
    state["documents"][SHEET]["spots"]
        .as_array()
        .expect("the rate sheet's premiums are located")
        .iter()
        .map(|s| s["key"].as_str().unwrap().to_string())
        .find(|k| k.contains("/clinic/") && k.contains("/H1/"))
        .expect("a clinic H1 premium on the rate sheet")
}

#[test]
fn listens_on_loopback_serves_its_pages_and_nothing_else() {
    let project = project();
    let root = project.path();
    let server = Server::start(root, "C.UTF-8", &[]);
    assert!(server.address.ip().is_loopback(), "{}", server.address);
    let state = server.wait_state("pages of every document", all_pages);

    // Every page located its premiums, each inside the page.
    let spots = state["documents"][SHEET]["spots"].as_array().unwrap();
    assert!(!spots.is_empty());
    for s in spots {
        for f in ["x", "y", "w", "h"] {
            let v = s[f].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&v), "{s}");
        }
    }
    // A table's premiums share one record; each still gets its own figure,
    // equal figures included (personal-info prints 40,000円 five times in
    // one table).
    for (name, document) in state["documents"].as_object().unwrap() {
        let spots = document["spots"].as_array().unwrap();
        let boxes: std::collections::BTreeSet<String> = spots
            .iter()
            .map(|s| format!("{} {} {}", s["page"], s["x"], s["y"]))
            .collect();
        assert_eq!(boxes.len(), spots.len(), "{name}: two premiums on one spot");
    }
    let page = server.get(&format!("/pages/{SHEET}/1.png"));
    assert_eq!(page.status, 200);
    assert!(page.body.starts_with(b"\x89PNG"), "a PNG");
    for (path, mime) in [
        ("/", "text/html"),
        ("/doc/kagoshima-2025/rate-sheet", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/files/kagoshima-2025/rate-sheet.pdf", "application/pdf"),
        ("/files/kagoshima-2025/rates.csv", "text/csv"),
        ("/files/kagoshima-2025/rates.json", "application/json"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.head.to_lowercase().contains(mime), "{path}: {}", r.head);
    }

    // Traversal, plain or encoded, absolute paths and folders: 404.
    std::fs::write(root.join("secret.txt"), "secret").unwrap();
    for path in [
        "/files/../secret.txt",
        "/files/kagoshima-2025/../../secret.txt",
        "/files/kagoshima-2025/..%2f..%2fsecret.txt",
        "/files/%2e%2e/secret.txt",
        "/files/%2e%2e/%2e%2e/secret.txt",
        "/files/kagoshima-2025/%2e%2e%2f%2e%2e%2fcontent%2fprograms%2fkagoshima-2025.yaml",
        "/files//etc/passwd",
        "/files/kagoshima-2025//etc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/secret.txt",
        "/content/programs/kagoshima-2025.yaml",
        "/files/kagoshima-2025/",
        "/files/kagoshima-2025/.tariffpress-manifest.json",
        "/files/kagoshima-2025/rate-sheet-1.png",
        "/files/",
        "/output/",
        "/pages/kagoshima-2025/rate-sheet/0.png",
        "/pages/kagoshima-2025/rate-sheet/../../../secret.txt",
        "/assets/",
        "/content/",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}: {}", r.head);
        assert!(
            !String::from_utf8_lossy(&r.body).contains("secret"),
            "{path}"
        );
    }
    // Read-only: no route takes a write.
    let host = server.address.to_string();
    let mut stream = TcpStream::connect(server.address).unwrap();
    write!(
        stream,
        "POST /files/kagoshima-2025/rates.csv HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 405"), "{raw}");
}

#[test]
fn refuses_requests_for_other_host_names() {
    let project = project();
    let server = Server::start(project.path(), "C.UTF-8", &[]);
    let port = server.address.port();
    let ok = |host: &str| request(server.address, "/api/state", &[("Host", host)]).status;
    assert_eq!(ok(&format!("localhost:{port}")), 200);
    assert_eq!(ok(&format!("127.0.0.1:{port}")), 200);
    // A name an attacker controls and points at 127.0.0.1.
    let refused = request(
        server.address,
        "/api/state",
        &[("Host", &format!("rebind.example:{port}"))],
    );
    assert_eq!(refused.status, 403);
    let body = String::from_utf8_lossy(&refused.body);
    assert!(
        body.contains("DNS rebinding") && body.contains("リバインディング"),
        "{body}"
    );
    assert_eq!(ok(&format!("localhost.example:{port}")), 403);
    assert_eq!(ok("127.0.0.1:1"), 403);
    let no_host = request(server.address, "/api/state", &[]);
    assert_eq!(no_host.status, 403);
    // A page of another site opening the live socket.
    let cross = request(
        server.address,
        "/api/state",
        &[
            ("Host", &format!("127.0.0.1:{port}")),
            ("Origin", "http://rebind.example"),
        ],
    );
    assert_eq!(cross.status, 403);
}

#[test]
fn a_port_in_use_is_named_in_both_languages() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let project = project();
    for (locale, words) in [
        ("C.UTF-8", "the port is in use"),
        ("ja_JP.UTF-8", "ポートが使用中です"),
    ] {
        let out = tariffpress()
            .env("LANG", locale)
            .arg("--root")
            .arg(project.path())
            .args(["serve", "--port", &port])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(&format!("127.0.0.1:{port}")), "{stderr}");
        assert!(stderr.contains(words), "{stderr}");
    }
}

#[test]
fn a_save_reaches_the_page_and_errors_come_with_their_place() {
    let project = project();
    let root = project.path();
    let server = Server::start(root, "ja_JP.UTF-8", &[]);
    let state = server.wait_state("pages of every document", all_pages);
    let key = clinic_h1(&state);
    let before = printed(&state, SHEET, &key).unwrap();

    // The worksheet of that premium, as `explain` gives it.
    let sheet = server.get(&format!("/api/explain?key={}", key.replace('/', "%2F")));
    assert_eq!(sheet.status, 200);
    let sheet: serde_json::Value = serde_json::from_slice(&sheet.body).unwrap();
    // A monthly program prints the regular installment.
    let worksheet = &sheet["worksheet"];
    let figure = if key.ends_with("/monthly") {
        &worksheet["installments"]["regular_yen"]
    } else {
        &worksheet["premium_yen"]
    };
    assert_eq!(figure.as_i64(), Some(before), "{sheet:#}");
    assert!(
        sheet["text"].as_str().unwrap().contains("基本保険料"),
        "{sheet:#}"
    );

    // A one-rate change: the page shows the new figure, and only the pages
    // whose image moved get a new hash.
    let hashes = |s: &serde_json::Value, doc: &str| s["documents"][doc]["pages"].clone();
    let faq_before = hashes(&state, "kagoshima-2025/faq");
    replace(root, TARIFF, "    H1: 48570\n", "    H1: 50000\n");
    let after = server.wait_state("the new figure", |s| {
        printed(s, SHEET, &key).is_some_and(|yen| yen != before)
    });
    let now = printed(&after, SHEET, &key).unwrap();
    assert!(now > before, "{before} → {now}");
    assert_eq!(hashes(&after, "kagoshima-2025/faq"), faq_before);
    assert_ne!(hashes(&after, SHEET), hashes(&state, SHEET));

    // A broken file: the located problem in Japanese, the last good pages
    // still there; fixing it clears the overlay.
    let program = "content/programs/kagoshima-2025.yaml";
    let text = std::fs::read_to_string(root.join(program)).unwrap();
    let (from, to) = ("discounts: { group: 0.15 }", "discounts: { group: 1.5 }");
    assert!(text.contains(from));
    replace(root, program, from, to);
    let broken = server.wait_state("the error overlay", |s| !s["error"].is_null());
    let problem = &broken["error"]["problems"][0];
    let location = problem["location"].as_str().unwrap();
    assert!(
        location.starts_with("content/programs/kagoshima-2025.yaml:"),
        "{broken:#}"
    );
    assert_eq!(
        location.matches(':').count(),
        2,
        "file:line:column: {location}"
    );
    assert_eq!(problem["path"], "discounts.group", "{broken:#}");
    assert!(
        problem["snippet"].as_str().unwrap().contains("group: 1.5"),
        "{broken:#}"
    );
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .chars()
            .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "Japanese: {broken:#}"
    );
    assert_eq!(
        printed(&broken, SHEET, &key),
        Some(now),
        "last good pages stay"
    );
    replace(root, program, to, from);
    server.wait_state("the overlay cleared", |s| s["error"].is_null());

    // A deleted program: the server goes on and drops its documents.
    std::fs::remove_file(root.join("content/programs/foundation-2024.yaml")).unwrap();
    let gone = server.wait_state("the program gone", |s| {
        s["error"].is_null()
            && s["programs"]
                .as_array()
                .is_some_and(|p| p.iter().all(|p| p["id"] != "foundation-2024"))
    });
    assert!(gone["documents"]["foundation-2024/flyer"].is_null());
    assert_eq!(server.get("/files/foundation-2024/rates.csv").status, 404);
}
