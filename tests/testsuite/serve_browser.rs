//! `tariffpress serve` in a real browser: headless Chromium driven over
//! WebDriver (chromedriver, through fantoccini) opens the index, opens a
//! document, sees a rate change arrive in the open page, sees a broken
//! file's located error and its clearing, and clicks a premium for its
//! worksheet. Every wait is on a condition in the page, never a sleep.
//!
//! Needs `chromium` and `chromedriver` (Debian: chromium, chromium-driver;
//! scripts/test installs them). Without them the test says so and passes
//! locally; in CI (`CI` set) it fails instead.
//!
//! With `TARIFFPRESS_SCREENSHOT=FILE` it also saves the document view with
//! a worksheet open, the picture in docs/guide.md.

use crate::serve::{SHEET, Server, TARIFF, all_pages, clinic_h1, printed};
use crate::support::{project, replace, thousands};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver on a free port, killed when dropped.
struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn start_driver() -> Option<Driver> {
    if !installed("chromedriver") || !installed("chromium") {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser tests: install chromium and chromium-driver (scripts/test does)"
        );
        eprintln!(
            "serve_browser: SKIPPED, chromium or chromedriver is not installed \
             (apt-get install chromium chromium-driver, or run scripts/test)"
        );
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver(child, port))
}

async fn browser(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_string(),
        json!({
            "binary": which("chromium"),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1100,900",
                     "--lang=ja"],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.1))
        .await
        .expect("a browser session")
}

fn which(program: &str) -> String {
    let out = Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Evaluates `expression` in the page until it is truthy (two minutes at
/// most); returns its value.
async fn until(client: &Client, what: &str, expression: &str) -> Value {
    let started = Instant::now();
    let script = format!("try {{ return ({expression}); }} catch (e) {{ return null; }}");
    loop {
        let value = client.execute(&script, vec![]).await.unwrap_or(Value::Null);
        let truthy = match &value {
            Value::Null | Value::Bool(false) => false,
            Value::String(s) => !s.is_empty(),
            Value::Number(n) => n.as_f64() != Some(0.0),
            _ => true,
        };
        if truthy {
            return value;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no {what} in the page within two minutes"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn the_page_follows_saves_shows_errors_and_explains_premiums() {
    let Some(driver) = start_driver() else { return };
    let project = project();
    let root = project.path();
    let server = Server::start(root, "ja_JP.UTF-8", &[]);
    let state = server.wait_state("pages of every document", all_pages);
    let key = clinic_h1(&state);
    let before = printed(&state, SHEET, &key).unwrap();
    let base = format!("http://{}", server.address);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = browser(&driver).await;

        // The index: every program, its documents with thumbnails, the
        // tariff in force and check's verdict.
        client.goto(&format!("{base}/")).await.unwrap();
        until(&client, "the index", "document.querySelectorAll('#index .program').length >= 5").await;
        until(&client, "thumbnails", "[...document.querySelectorAll('.docs img')].every(i => i.complete && i.naturalWidth > 0)").await;
        let meta: String = until(&client, "the tariff", "document.querySelector('.program .meta').textContent").await.as_str().unwrap().into();
        assert!(meta.contains("適用料率"), "{meta}");
        until(&client, "check's result", "document.querySelector('#check.ok, #check.bad')").await;

        // A document: its pages, a premium located on them.
        client
            .find(Locator::Css(&format!("a.doc-link[data-name='{SHEET}']")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        until(&client, "the pages", "document.querySelectorAll('.page img').length > 0 && [...document.querySelectorAll('.page img')].every(i => i.complete && i.naturalWidth > 0)").await;
        let selector = format!(".spot[data-key='{key}']");
        until(&client, "the premium", &format!("document.querySelector(\"{selector}\").dataset.yen == '{before}'")).await;
        client.execute("window.scrollTo(0, 400); window.tpMarker = 1;", vec![]).await.unwrap();

        // A one-rate change: the new figure appears without a reload, the
        // scroll position kept.
        replace(root, TARIFF, "    H1: 48570\n", "    H1: 50000\n");
        let now = until(&client, "the new figure", &format!("(() => {{ const y = document.querySelector(\"{selector}\").dataset.yen; return y != '{before}' ? y : null }})()")).await;
        let kept = client.execute("return [window.tpMarker, window.scrollY]", vec![]).await.unwrap();
        assert_eq!(kept[0], 1, "the page was not reloaded");
        assert!(kept[1].as_f64().unwrap() > 0.0, "scroll kept: {kept}");
        assert_ne!(now.as_str().unwrap(), before.to_string());

        // Click the premium: its worksheet, the same as `explain`'s.
        // Below the sticky bar; a rebuild may replace the button between
        // finding and clicking.
        let center = format!("document.querySelector(\"{selector}\").scrollIntoView({{block: 'center'}})");
        client.execute(&center, vec![]).await.unwrap();
        let mut tries = 0;
        while let Err(error) = async { client.find(Locator::Css(&selector)).await?.click().await }.await {
            tries += 1;
            assert!(tries < 50, "cannot click the premium: {error}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let text = until(&client, "the worksheet", "(() => { const w = document.getElementById('worksheet'); return !w.hidden && w.querySelector('pre').textContent })()").await;
        let text = text.as_str().unwrap();
        assert!(text.contains("基本保険料"), "{text}");
        let yen: i64 = now.as_str().unwrap().parse().unwrap();
        let printed_yen = thousands(yen);
        assert!(text.contains(&printed_yen), "{printed_yen} in {text}");
        if let Some(file) = std::env::var_os("TARIFFPRESS_SCREENSHOT") {
            let png = client.screenshot().await.unwrap();
            std::fs::write(file, png).unwrap();
        }

        // Break a file: the located error over the last good pages; fix it
        // and it clears.
        let program = "content/programs/kagoshima-2025.yaml";
        replace(root, program, "discounts: { group: 0.15 }", "discounts: { group: 1.5 }");
        let overlay = until(&client, "the error overlay", "(() => { const o = document.getElementById('overlay'); return !o.hidden && o.textContent })()").await;
        let overlay = overlay.as_str().unwrap();
        assert!(overlay.contains("content/programs/kagoshima-2025.yaml:"), "{overlay}");
        assert!(overlay.contains("discounts.group"), "{overlay}");
        assert!(overlay.contains("group: 1.5"), "{overlay}");
        until(&client, "the last good pages", &format!("document.querySelector(\"{selector}\").dataset.yen == '{yen}'")).await;
        replace(root, program, "discounts: { group: 1.5 }", "discounts: { group: 0.15 }");
        until(&client, "the overlay cleared", "document.getElementById('overlay').hidden").await;

        // Zoom.
        let width = |c: &Client| {
            let c = c.clone();
            async move { c.execute("return document.querySelector('.page').getBoundingClientRect().width", vec![]).await.unwrap().as_f64().unwrap() }
        };
        let small = width(&client).await;
        client.find(Locator::Id("zoom-in")).await.unwrap().click().await.unwrap();
        assert!(width(&client).await > small);
        client.close().await.unwrap();
    });
}
