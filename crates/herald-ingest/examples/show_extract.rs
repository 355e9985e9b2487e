//! Prints what `extract_html` finds in an HTML file (gzip if it ends in `.gz`): metadata on
//! standard error, the article text on standard output. A development aid for looking at
//! one page.
//!
//! ```text
//! cargo run --release -p herald-ingest --example show_extract -- page.html.gz [URL]
//! ```

use std::io::Read;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: show_extract FILE [URL]");
        std::process::exit(2);
    };
    let url = args.next();
    let mut html = Vec::new();
    let read = std::fs::File::open(&path).and_then(|f| {
        if path.ends_with(".gz") {
            flate2::read::MultiGzDecoder::new(f).read_to_end(&mut html)
        } else {
            std::io::BufReader::new(f).read_to_end(&mut html)
        }
    });
    if let Err(e) = read {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    match herald_ingest::extract_html(&html, url.as_deref()) {
        Ok(x) => {
            eprintln!(
                "title:  {:?}\nbyline: {:?}\ndate:   {:?}\nurl:    {:?}",
                x.title,
                x.byline,
                x.date.map(|d| d.to_string()),
                x.url
            );
            println!("{}", x.text);
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
