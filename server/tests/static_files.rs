//! `--static DIR`: the folder's files, never a dotfile, nothing outside the folder; precompressed
//! copies for clients that accept them; long caching for versioned files, revalidation for the
//! rest.

#[allow(dead_code)]
mod support;

use std::path::PathBuf;

use axum::body::Body;
use axum::http::Request;
use loyalty_server::token::MemberAccess;
use support::app::{get, sample_app_with, send, Reply};

/// A folder with a page, dotfiles, and links in and out.
fn site() -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "loyalty-static-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let outside = root.with_extension("outside");
    std::fs::create_dir_all(root.join("site/.git")).unwrap();
    std::fs::create_dir_all(root.join("site/assets")).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(root.join("site/index.html"), "<h1>demo</h1>").unwrap();
    std::fs::write(root.join("site/assets/app.js"), "console.log(1)").unwrap();
    std::fs::write(root.join("site/.env"), "CROWDTWIST_API_KEY=leaked").unwrap();
    std::fs::write(root.join("site/.git/config"), "[core] leaked").unwrap();
    std::fs::write(root.join("site/assets/.secret"), "leaked").unwrap();
    std::fs::write(outside.join("secret.txt"), "leaked").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("site/out")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("site/out.txt")).unwrap();
    std::os::unix::fs::symlink(root.join("site/assets/app.js"), root.join("site/in.js")).unwrap();
    root
}

#[tokio::test]
async fn files_are_served_but_not_dotfiles_or_anything_outside() {
    let root = site();
    for prefix in ["", "/loyalty"] {
        let app = sample_app_with(MemberAccess::Public, prefix, Some(root.join("site")));
        for path in ["/index.html", "/", "/assets/app.js", "/in.js"] {
            let reply = get(&app, &format!("{prefix}{path}")).await;
            assert_eq!(reply.status, 200, "{prefix}{path}");
            assert!(!reply.body.contains("leaked"));
        }
        for path in [
            "/.env",
            "/%2eenv",
            "/%2Eenv",
            "/.git/config",
            "/.git/",
            "/%2egit/config",
            "/assets/.secret",
            "/assets/%2esecret",
            "/out/secret.txt",
            "/out.txt",
            "/../site.outside/secret.txt",
            "/%2e%2e/site.outside/secret.txt",
            "/assets/..%2f.env",
            "/assets%2f..%2f.env",
            "/missing.html",
        ] {
            let reply = get(&app, &format!("{prefix}{path}")).await;
            assert_eq!(reply.status, 404, "{prefix}{path}: {}", reply.body);
            assert!(!reply.body.contains("leaked"), "{prefix}{path}");
            assert_eq!(reply.json()["error"], "page_not_found", "{prefix}{path}");
        }
        let points = get(&app, &format!("{prefix}/v2/users/16/points")).await;
        assert_eq!(points.status, 200, "the API still answers under {prefix:?}");
    }
    std::fs::remove_dir_all(&root).unwrap();
    std::fs::remove_dir_all(root.with_extension("outside")).unwrap();
}

/// A build: a hashed wasm and a stable-named bundle with compressed copies, pages, a file with
/// none, a versioned folder, and a compressed copy that links out of the folder.
fn build() -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "loyalty-build-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    let site = root.join("site");
    for dir in ["embed", "embed/v1.4.0"] {
        std::fs::create_dir_all(site.join(dir)).unwrap();
    }
    let files: [(&str, &[u8]); 12] = [
        ("demo-a5063ad376a6c3e_bg.wasm", b"\0asm raw"),
        ("demo-a5063ad376a6c3e_bg.wasm.br", b"brotli bytes"),
        ("demo-a5063ad376a6c3e_bg.wasm.gz", b"gzip bytes"),
        ("index.html", b"<h1>demo</h1>"),
        ("index.html.gz", b"gzipped page"),
        ("embed/loyalty-badge.js", b"export {};"),
        ("embed/loyalty-badge.js.br", b"brotli bundle"),
        ("embed/loyalty-badge.js.gz", b"gzip bundle"),
        ("embed/v1.4.0/loyalty-badge.js", b"export {};"),
        ("embed/v1.4.0/loyalty-badge.js.br", b"brotli bundle"),
        ("notes.txt", b"plain"),
        ("leak.js", b"fine"),
    ];
    for (name, bytes) in files {
        std::fs::write(site.join(name), bytes).unwrap();
    }
    std::fs::write(root.join("secret"), "leaked").unwrap();
    std::os::unix::fs::symlink(root.join("secret"), site.join("leak.js.br")).unwrap();
    root
}

async fn fetch(app: &axum::Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn compressed_copies_go_to_clients_that_accept_them() {
    let root = build();
    for prefix in ["", "/loyalty"] {
        let app = sample_app_with(MemberAccess::Public, prefix, Some(root.join("site")));
        let wasm = format!("{prefix}/demo-a5063ad376a6c3e_bg.wasm");
        for (accept, body, encoding) in [
            ("br, gzip", "brotli bytes", Some("br")),
            ("gzip, deflate, br, zstd", "brotli bytes", Some("br")),
            ("gzip", "gzip bytes", Some("gzip")),
            ("br;q=0, gzip", "gzip bytes", Some("gzip")),
            ("identity", "\0asm raw", None),
            ("", "\0asm raw", None),
        ] {
            let headers: &[(&str, &str)] = if accept.is_empty() {
                &[]
            } else {
                &[("accept-encoding", accept)]
            };
            let reply = fetch(&app, &wasm, headers).await;
            assert_eq!(reply.status, 200, "{accept}");
            assert_eq!(reply.body, body, "{accept}");
            assert_eq!(reply.header("content-encoding"), encoding, "{accept}");
            assert_eq!(reply.header("content-type"), Some("application/wasm"));
            assert_eq!(reply.header("vary"), Some("accept-encoding"));
            assert_eq!(
                reply.header("content-length").unwrap(),
                body.len().to_string()
            );
        }
        let page = fetch(
            &app,
            &format!("{prefix}/"),
            &[("accept-encoding", "br, gzip")],
        )
        .await;
        assert_eq!(
            (page.body.as_str(), page.header("content-encoding")),
            ("gzipped page", Some("gzip")),
            "no brotli copy: gzip"
        );
        assert_eq!(page.header("content-type"), Some("text/html"));
        let plain = fetch(
            &app,
            &format!("{prefix}/notes.txt"),
            &[("accept-encoding", "br")],
        )
        .await;
        assert_eq!(
            (plain.body.as_str(), plain.header("content-encoding")),
            ("plain", None)
        );
        let head = send(
            &app,
            Request::head(format!("{prefix}/embed/loyalty-badge.js"))
                .header("accept-encoding", "br")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(head.status, 200);
        assert!(head.body.is_empty());
        assert_eq!(head.header("content-encoding"), Some("br"));
        assert_eq!(head.header("content-type"), Some("text/javascript"));
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[tokio::test]
async fn a_compressed_copy_linking_out_of_the_folder_is_not_served() {
    let root = build();
    let app = sample_app_with(MemberAccess::Public, "", Some(root.join("site")));
    let reply = fetch(&app, "/leak.js", &[("accept-encoding", "br")]).await;
    assert_eq!(reply.status, 404);
    assert!(!reply.body.contains("leaked"));
    let plain = fetch(&app, "/leak.js", &[]).await;
    assert_eq!((plain.status, plain.body.as_str()), (200, "fine"));
    std::fs::remove_dir_all(&root).unwrap();
}

#[tokio::test]
async fn versioned_files_are_immutable_and_the_rest_revalidate() {
    let root = build();
    let app = sample_app_with(MemberAccess::Public, "", Some(root.join("site")));
    for path in [
        "/demo-a5063ad376a6c3e_bg.wasm",
        "/embed/v1.4.0/loyalty-badge.js",
    ] {
        let reply = fetch(&app, path, &[("accept-encoding", "br")]).await;
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
    }
    for path in ["/", "/index.html", "/embed/loyalty-badge.js", "/notes.txt"] {
        let first = fetch(&app, path, &[("accept-encoding", "br")]).await;
        assert_eq!(first.status, 200, "{path}");
        assert_eq!(first.header("cache-control"), Some("no-cache"), "{path}");
        let etag = first.header("etag").expect("an ETag").to_owned();
        let modified = first
            .header("last-modified")
            .expect("Last-Modified")
            .to_owned();

        let again = fetch(
            &app,
            path,
            &[("accept-encoding", "br"), ("if-none-match", &etag)],
        )
        .await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        assert_eq!(again.header("cache-control"), Some("no-cache"));
        assert_eq!(again.header("vary"), Some("accept-encoding"));

        let listed = format!("\"nope\", W/{etag}");
        let weak = fetch(
            &app,
            path,
            &[("accept-encoding", "br"), ("if-none-match", &listed)],
        )
        .await;
        assert_eq!(weak.status, 304, "{path}: a list, compared weakly");

        let by_date = fetch(
            &app,
            path,
            &[("accept-encoding", "br"), ("if-modified-since", &modified)],
        )
        .await;
        assert_eq!(by_date.status, 304, "{path}");
        let older = fetch(
            &app,
            path,
            &[
                ("accept-encoding", "br"),
                ("if-modified-since", "Thu, 01 Jan 2015 00:00:00 GMT"),
            ],
        )
        .await;
        assert_eq!(older.status, 200, "{path}");
        let etag_wins = fetch(
            &app,
            path,
            &[
                ("accept-encoding", "br"),
                ("if-none-match", "\"other\""),
                ("if-modified-since", &modified),
            ],
        )
        .await;
        assert_eq!(etag_wins.status, 200, "{path}: If-None-Match decides");
    }
    // Each encoding is its own representation, with its own tag.
    let compressed = fetch(
        &app,
        "/embed/loyalty-badge.js",
        &[("accept-encoding", "br")],
    )
    .await;
    let plain = fetch(&app, "/embed/loyalty-badge.js", &[]).await;
    assert_ne!(compressed.header("etag"), plain.header("etag"));
    let mismatched = fetch(
        &app,
        "/embed/loyalty-badge.js",
        &[("if-none-match", compressed.header("etag").unwrap())],
    )
    .await;
    assert_eq!(mismatched.status, 200);
    assert_eq!(mismatched.body, "export {};");
    // The API's answers get none of this.
    let points = fetch(&app, "/v2/users/16/points", &[("accept-encoding", "br")]).await;
    assert_eq!(points.status, 200);
    assert!(points.header("etag").is_none() && points.header("content-encoding").is_none());
    std::fs::remove_dir_all(&root).unwrap();
}
