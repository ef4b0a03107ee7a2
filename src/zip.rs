//! A minimal, deterministic ZIP writer for IaC bundles downloaded from the browser.
//!
//! Entries are DEFLATE-compressed (stored when that is not smaller), carry a fixed
//! timestamp (1980-01-01) so the same bundle is byte-identical every time, and UTF-8
//! names. No ZIP64: bundles are far below 4 GiB and 65,535 entries; larger input is
//! refused rather than written corrupt.

/// One file of an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZipEntry {
    /// Forward-slash relative path, e.g. `terraform/main.tf`.
    pub path: String,
    pub contents: Vec<u8>,
}

const CRC_TABLE: [u32; 256] = crc_table();

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
}

/// CRC-32 (IEEE), as ZIP requires.
pub fn crc32(data: &[u8]) -> u32 {
    !data.iter().fold(!0u32, |c, b| CRC_TABLE[((c ^ *b as u32) & 0xFF) as usize] ^ (c >> 8))
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// DOS date of 1980-01-01 and time 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Bit 11: names are UTF-8.
const FLAG_UTF8: u16 = 1 << 11;

/// Builds the archive, or says why it cannot.
pub fn write_zip(entries: &[ZipEntry]) -> Result<Vec<u8>, String> {
    if entries.len() > u16::MAX as usize {
        return Err("too many files for one archive".into());
    }
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let name = entry.path.trim_start_matches('/').as_bytes();
        if name.is_empty()
            || name.len() > u16::MAX as usize
            || entry.path.split('/').any(|part| part == "..")
        {
            return Err(format!("invalid path in archive: {}", entry.path));
        }
        let crc = crc32(&entry.contents);
        let deflated = miniz_oxide::deflate::compress_to_vec(&entry.contents, 9);
        let (method, data): (u16, &[u8]) = if deflated.len() < entry.contents.len() {
            (8, &deflated)
        } else {
            (0, &entry.contents)
        };
        let (size, compressed, offset) = (
            u32::try_from(entry.contents.len()),
            u32::try_from(data.len()),
            u32::try_from(out.len()),
        );
        let (Ok(size), Ok(compressed), Ok(offset)) = (size, compressed, offset) else {
            return Err("archive larger than 4 GiB".into());
        };
        // Local file header.
        u32le(&mut out, 0x0403_4b50);
        u16le(&mut out, 20);
        u16le(&mut out, FLAG_UTF8);
        u16le(&mut out, method);
        u16le(&mut out, DOS_TIME);
        u16le(&mut out, DOS_DATE);
        u32le(&mut out, crc);
        u32le(&mut out, compressed);
        u32le(&mut out, size);
        u16le(&mut out, name.len() as u16);
        u16le(&mut out, 0);
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        // Central directory record.
        u32le(&mut central, 0x0201_4b50);
        u16le(&mut central, (3 << 8) | 20); // made by Unix, spec 2.0
        u16le(&mut central, 20);
        u16le(&mut central, FLAG_UTF8);
        u16le(&mut central, method);
        u16le(&mut central, DOS_TIME);
        u16le(&mut central, DOS_DATE);
        u32le(&mut central, crc);
        u32le(&mut central, compressed);
        u32le(&mut central, size);
        u16le(&mut central, name.len() as u16);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        u16le(&mut central, 0);
        let mode: u32 = if entry.path.ends_with(".sh") { 0o100755 } else { 0o100644 };
        u32le(&mut central, mode << 16);
        u32le(&mut central, offset);
        central.extend_from_slice(name);
    }
    let (Ok(central_offset), Ok(central_size)) =
        (u32::try_from(out.len()), u32::try_from(central.len()))
    else {
        return Err("archive larger than 4 GiB".into());
    };
    out.extend_from_slice(&central);
    // End of central directory.
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, entries.len() as u16);
    u16le(&mut out, entries.len() as u16);
    u32le(&mut out, central_size);
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn archives_are_deterministic_and_refuse_bad_paths() {
        let entries = vec![ZipEntry {
            path: "a/b.txt".into(),
            contents: b"hello hello hello hello".to_vec(),
        }];
        assert_eq!(write_zip(&entries).unwrap(), write_zip(&entries).unwrap());
        assert!(write_zip(&[ZipEntry { path: "../x".into(), contents: vec![] }]).is_err());
        assert!(write_zip(&[ZipEntry { path: "".into(), contents: vec![] }]).is_err());
    }

    /// Python's zipfile module reads the archive back and checks every CRC.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn python_reads_the_archive_back() {
        let big: Vec<u8> = (0..50_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let entries = vec![
            ZipEntry {
                path: "terraform/main.tf".into(),
                contents: b"resource \"x\" \"y\" {}\n".repeat(50),
            },
            ZipEntry {
                path: "données/ünïcode.txt".into(), contents: "é€".as_bytes().to_vec()
            },
            ZipEntry { path: "empty".into(), contents: vec![] },
            ZipEntry { path: "bin/data".into(), contents: big.clone() },
        ];
        let bytes = write_zip(&entries).unwrap();
        let path = std::env::temp_dir().join(format!("drplan-zip-{}.zip", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nfor i in z.infolist(): print(i.filename, i.file_size)";
        let out = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&path)
            .output()
            .expect("python3");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let listing = String::from_utf8(out.stdout).unwrap();
        assert_eq!(
            listing,
            format!(
                "terraform/main.tf 1000\ndonnées/ünïcode.txt 5\nempty 0\nbin/data {}\n",
                big.len()
            )
        );
    }
}
