// Times each expression of cases.json in jsonata-rs; prints JSON lines as the Swift benchmark does:
//   {"name": ..., "ns": <nanoseconds per evaluation>, "iterations": ..., "result": <result>}
// Usage: jsonata-bench CASES.json SECONDS
//
// jsonata-rs takes its input as JSON text and allocates results in a bumpalo arena that only
// grows, so each evaluation gets a fresh arena and compiles the expression again: its figure
// includes parsing the expression and the input text, which the other engines do once.
use bumpalo::Bump;
use jsonata_rs::JsonAta;
use std::time::Instant;

fn make_input(count: usize) -> String {
    let categories = ["books", "games", "music", "tools", "toys"];
    let items: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let price = ((i * 37) % 1000) as f64 / 4.0;
            serde_json::json!({
                "id": i, "name": format!("item-{i}"), "category": categories[i % 5],
                "price": price, "qty": i % 7 + 1, "active": i % 3 != 0,
            })
        })
        .collect();
    serde_json::json!({ "items": items }).to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("cases file");
    let seconds: f64 = args[2].parse().unwrap_or(1.0);
    let cases: serde_json::Value = serde_json::from_str(&text).expect("cases JSON");
    for case in cases["cases"].as_array().expect("cases array") {
        let name = case["name"].as_str().unwrap_or("");
        let expression = case["expression"].as_str().unwrap_or("");
        let input = make_input(case["items"].as_u64().unwrap_or(0) as usize);
        let once = || -> Result<String, String> {
            let arena = Bump::new();
            let jsonata = JsonAta::new(expression, &arena).map_err(|e| e.to_string())?;
            let value = jsonata.evaluate(Some(&input), None).map_err(|e| e.to_string())?;
            Ok(value.serialize(false))
        };
        let line = match once() {
            Err(error) => serde_json::json!({ "name": name, "error": error }),
            Ok(first) => {
                let start = Instant::now();
                let mut iterations = 0u64;
                let mut result = first;
                while start.elapsed().as_secs_f64() < seconds {
                    result = once().unwrap_or_default();
                    iterations += 1;
                }
                let ns = start.elapsed().as_nanos() as f64 / iterations as f64;
                let parsed: serde_json::Value = serde_json::from_str(&result).unwrap_or_default();
                serde_json::json!({ "name": name, "ns": ns, "iterations": iterations, "result": parsed })
            }
        };
        println!("{line}");
    }
}
