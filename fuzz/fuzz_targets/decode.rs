//! decode on arbitrary bytes: never panics; a successful decode has no NUL and, without
//! `--lossy`, no replacement character that was not in the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thresh::stages::decode::{decode_bytes, DecodeOptions};

fuzz_target!(|data: &[u8]| {
    for lossy in [false, true] {
        let options = DecodeOptions {
            lossy,
            repair_mojibake: true,
            ..DecodeOptions::default()
        };
        if let Ok(decoded) = decode_bytes(data, &options) {
            assert!(!decoded.text.contains('\0'), "NUL in decoded text");
            if !lossy {
                assert_eq!(decoded.verdict.replacements, 0);
            }
        }
    }
});
