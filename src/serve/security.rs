//! What keeps the server to itself: the Host header checked against DNS
//! rebinding (a page of some web site whose name an attacker points at
//! 127.0.0.1 would otherwise read this server as same-origin), and the
//! Origin of WebSocket requests checked the same way. Paths need no
//! cleaning: no route maps a path to a file; output files are looked up by
//! program id and file name among the ones the build made (see `routes`).

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;

/// Whether `host` (a Host header, or an Origin's host and port) names
/// this machine by a name no one else controls: `localhost` or an IP
/// literal (DNS rebinding needs a domain name). The port must be ours.
pub(crate) fn allowed_host(host: &str, port: u16) -> bool {
    let (name, host_port) = split_port(host);
    if host_port.is_some_and(|p| p != port) {
        return false;
    }
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost") || name.parse::<IpAddr>().is_ok()
}

/// `host:port` split at the port, IPv6 brackets kept on the name.
fn split_port(host: &str) -> (&str, Option<u16>) {
    match host.rfind(':') {
        Some(i)
            if !host[i..].contains(']') && (host.starts_with('[') || !host[..i].contains(':')) =>
        {
            (&host[..i], host[i + 1..].parse().ok().or(Some(0)))
        }
        _ => (host, None),
    }
}

/// Refuses a request whose Host (or, where sent, Origin) is not this
/// machine by address or as `localhost`: 403 with the reason in English
/// and Japanese.
pub(crate) async fn check_host(State(port): State<u16>, request: Request, next: Next) -> Response {
    let allowed = {
        let header = |name: header::HeaderName| {
            request
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let host_ok = header(header::HOST).is_some_and(|h| allowed_host(&h, port));
        let origin_ok = header(header::ORIGIN).is_none_or(|origin| {
            origin
                .strip_prefix("http://")
                .is_some_and(|rest| allowed_host(rest.trim_end_matches('/'), port))
        });
        host_ok && origin_ok
    };
    if allowed {
        return next.run(request).await;
    }
    (
        StatusCode::FORBIDDEN,
        "tariffpress serve answers only requests addressed to localhost or an IP address of this machine (DNS rebinding guard).\n\
         tariffpress serve は localhost またはこのマシンの IP アドレス宛ての要求にしか応じません（DNS リバインディング対策）。\n",
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::allowed_host;

    #[test]
    fn loopback_names_and_ip_literals_pass_other_names_do_not() {
        for host in [
            "localhost:8807",
            "127.0.0.1:8807",
            "[::1]:8807",
            "192.168.1.20:8807",
            "LOCALHOST:8807",
            "localhost",
        ] {
            assert!(allowed_host(host, 8807), "{host}");
        }
        for host in [
            "evil.example:8807",
            "localhost.evil.example:8807",
            "127.0.0.1:9999",
            "127.0.0.1.nip.io:8807",
            "",
        ] {
            assert!(!allowed_host(host, 8807), "{host}");
        }
    }
}
