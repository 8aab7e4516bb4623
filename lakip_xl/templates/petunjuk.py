"""The ``Petunjuk`` (instructions) sheets, in plain Indonesian for a clerk."""

from __future__ import annotations

from typing import Any

from lakip_xl.xlsx.style import Styles


def write_sheet(ws: Any, styles: Styles, title: str, lines: list[tuple[str, str]]) -> None:
    """Lines are ``(kind, text)``: ``h`` heading, ``p`` paragraph, ``i`` numbered item, ``legend_input``/``legend_locked``."""
    ws.set_column(0, 0, 4)
    ws.set_column(1, 1, 100)
    ws.hide_gridlines(2)
    ws.write_string(0, 1, title, styles["title_left"])
    ws.set_row(0, 24)
    r, n = 2, 0
    for kind, text in lines:
        if kind == "h":
            r += 1
            ws.write_string(r, 1, text, styles["banner"])
            n = 0
        elif kind == "i":
            n += 1
            ws.write_string(r, 0, f"{n}.", styles["note_plain"])
            ws.write_string(r, 1, text, styles["note_plain"])
        elif kind in ("legend_input", "legend_locked"):
            ws.write_blank(r, 0, None, styles[kind])
            ws.write_string(r, 1, text, styles["note_plain"])
        else:
            ws.write_string(r, 1, text, styles["note_plain"])
        ws.set_row(r, 15 * max(1, -(-len(text) // 110)))
        r += 1
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.activate()


def submission_lines(nama_bidang: str, tahun: int, instansi: str, triwulan: int | None = None) -> list[tuple[str, str]]:
    if triwulan:
        return _quarterly_lines(nama_bidang, tahun, instansi, triwulan)
    return [
        ("p", f"Workbook ini adalah laporan kinerja {nama_bidang} tahun {tahun} untuk {instansi}. "
              "Isinya dikumpulkan Subbag Perencanaan dan disusun menjadi LAKIP dengan alat lakip-xl."),
        ("h", "Sel mana yang diisi"),
        ("legend_input", "Sel kuning: diisi oleh bidang."),
        ("legend_locked", "Sel abu-abu: berasal dari Renstra (kode, uraian, indikator, satuan, target). Terkunci, jangan diubah."),
        ("h", "Langkah pengisian"),
        ("i", "Lembar Identitas: isi 'Disusun Oleh' (nama penyusun) dan 'Tanggal' pengisian."),
        ("i", "Lembar IKU (bila ada barisnya): isi Realisasi tahun ini, Penyebab keberhasilan atau kegagalan, dan Solusi yang dilakukan."),
        ("i", "Lembar Program: isi Realisasi setiap indikator program, kegiatan dan sub kegiatan."),
        ("i", "Lembar Program: isi Pagu dan Realisasi Anggaran menurut DPA (setelah perubahan) pada baris sub kegiatan. "
              "Jumlah kegiatan dan program dihitung otomatis dari sub kegiatannya. "
              "Kolom 'Pagu Indikatif Renstra' hanya pembanding dari Renstra."),
        ("i", "Kolom Penjelasan: tulis singkat mengapa target tercapai atau tidak. Bila dikosongkan, kalimat penjelasan dibuat otomatis."),
        ("h", "Cara menulis angka"),
        ("i", "Tulis angka saja, tanpa satuan: 8,57 untuk 8,57 %; 12 untuk 12 bulan; 2312089341 untuk Rp 2.312.089.341."),
        ("i", "Koma adalah tanda desimal dan titik pemisah ribuan (1.234.567,89), sesuai pengaturan Indonesia. "
              "Angka yang diketik sebagai teks tetap dibaca, tetapi diberi peringatan."),
        ("i", "Realisasi yang belum ada datanya: biarkan KOSONG (jangan isi 0) dan jelaskan di kolom Penjelasan. "
              "Kosong berarti belum dilaporkan; 0 berarti realisasinya nol."),
        ("i", "Jangan menambah, menghapus atau mengganti nama lembar dan judul kolom. Baris boleh diberi warna atau catatan di kolom tambahan di sebelah kanan."),
        ("h", "Mengirim kembali"),
        ("i", "Simpan sebagai .xlsx (Excel Workbook) atau .ods (LibreOffice). Nama berkas boleh diubah; berkas dikenali dari lembar Identitas."),
        ("i", "Kirim berkas lewat surel ke Subbag Perencanaan. Bila mengirim perbaikan, sebutkan bahwa berkas itu menggantikan kiriman sebelumnya."),
        ("i", "Bila alat lakip-xl terpasang di komputer Anda, periksa dulu dengan perintah:  lakip check <berkas> --renstra <renstra.xlsx>"),
    ]


def _quarterly_lines(nama_bidang: str, tahun: int, instansi: str, triwulan: int) -> list[tuple[str, str]]:
    """The yearly lines with the quarterly steps in place of the yearly ones (Akumulasi explained)."""
    tw = ("I", "II", "III", "IV")[triwulan - 1]
    lines = submission_lines(nama_bidang, tahun, instansi)
    lines[0] = ("p", f"Workbook ini adalah laporan kinerja {nama_bidang} triwulan {tw} tahun {tahun} untuk {instansi}: "
                     f"realisasi setiap triwulan, dari triwulan I sampai triwulan {tw}. Isinya dikumpulkan Subbag "
                     "Perencanaan dan disusun menjadi laporan triwulan (Evaluasi Renja) dengan alat lakip-xl.")
    steps = [
        ("i", "Lembar Identitas: isi 'Disusun Oleh' (nama penyusun) dan 'Tanggal' pengisian; 'Triwulan' jangan diubah."),
        ("i", f"Lembar IKU dan Program: isi 'Realisasi TW I' sampai 'Realisasi TW {tw}' setiap indikator. Kolom "
              "'Target s.d. TW …' (abu-abu) adalah target Rencana Aksi sampai dengan triwulan itu."),
        ("i", "Kolom Akumulasi menyatakan cara triwulan digabung. Jumlah (kegiatan, dokumen, orang dilayani): isi "
              "angka triwulan itu saja, misalnya 20 kegiatan pada TW I dan 40 pada TW II, bukan 60; sampai TW II "
              "terhitung 60. Terakhir (persen, indeks, keadaan): isi keadaan pada akhir triwulan, misalnya 55 % "
              "lalu 72 %; yang berlaku 72 %. Rata-rata: isi nilai triwulan itu; yang berlaku reratanya."),
        ("i", f"Lembar Program, baris sub kegiatan: isi Pagu (DPA setelah perubahan) dan 'Realisasi Anggaran TW I' "
              f"sampai 'TW {tw}': belanja dalam triwulan itu saja. Kolom 'Anggaran Kas' hanya pembanding."),
        ("i", "Kolom Penyebab, Solusi dan Penjelasan: tulis singkat keadaan sampai triwulan ini."),
    ]
    first = next(i for i, (kind, text) in enumerate(lines) if text.startswith("Lembar Identitas"))
    last = next(i for i, (kind, text) in enumerate(lines) if text.startswith("Kolom Penjelasan"))
    return lines[:first] + steps + lines[last + 1:]


def renstra_lines(years: list[int]) -> list[tuple[str, str]]:
    period = f"{years[0]}-{years[-1]}"
    return [
        ("p", f"Workbook ini adalah Renstra {period}: master yang dipegang Subbag Perencanaan. "
              "Dari workbook ini lakip-xl membuat templat laporan setiap bidang dan memeriksa laporan yang kembali."),
        ("h", "Urutan pengisian"),
        ("i", "Instansi: nama instansi, kepala, kepala daerah dan periode Renstra."),
        ("i", "Bidang: satu baris per unit yang mengirim laporan (sekretariat, bidang, UPT), dengan kode singkat."),
        ("i", "Surel (boleh kosong): alamat surel setiap unit di lembar Bidang (kolom Surel dan Penanggung Jawab) dan "
              "alamat sekretariat di lembar Instansi (Surel Pengirim). Dengan itu 'lakip template --surel' menyiapkan "
              "draf surel berisi templat untuk setiap unit, dan 'lakip consolidate --perbaikan' draf perbaikannya."),
        ("i", "Sasaran: satu baris per indikator kinerja utama (IKU) dengan target setiap tahun dan bidang pelapornya."),
        ("i", "Program: satu baris per indikator program, kegiatan dan sub kegiatan, dengan target dan pagu indikatif setiap tahun."),
        ("i", "Riwayat (boleh kosong): realisasi IKU tahun-tahun sebelumnya untuk tabel perbandingan."),
        ("i", "Tujuan (boleh kosong): indikator tujuan untuk Perjanjian Kinerja."),
        ("i", "Rencana Aksi (boleh kosong): target dan anggaran kas setiap triwulan per indikator dan tahun."),
        ("h", "Aturan"),
        ("i", "Kode ditulis sebagai TEKS (kolom sudah berformat teks) supaya Excel tidak mengubah 3.30.03 menjadi angka atau jam."),
        ("i", "Tingkat dan induk dibaca dari kode: program 3.30.03, kegiatan 3.30.03.2.01, sub kegiatan 3.30.03.2.01.01 "
              "(dua angka) atau 3.30.03.2.01.0001 (empat angka); kode ditampilkan seperti ditulis di sini."),
        ("i", "Program nomor 01 setiap urusan (2.15.01, X.XX.01) adalah Program Penunjang dan berdiri sendiri di setiap "
              "tabel dan jumlah. Kolom Jenis ('Penunjang' / 'Pendukung Sasaran') mengubahnya bila perlu."),
        ("i", "Kode Sasaran diisi pada program; kegiatan dan sub kegiatan mewarisinya. Kegiatan atau sub kegiatan yang "
              "mendukung sasaran lain diberi Kode Sasaran sendiri: anggarannya dihitung di sasaran itu, sekali saja."),
        ("i", "Kegiatan satu program boleh dipegang bidang yang berbeda (kolom Bidang per baris): templat setiap bidang "
              "memuat barisnya sendiri, dengan baris induknya sebagai konteks yang terkunci."),
        ("i", "Anggaran diisi pada baris terbawah (sub kegiatan, atau kegiatan tanpa sub kegiatan); jumlah kegiatan dan "
              "program dihitung dari barisnya."),
        ("i", "Target boleh angka (5,88) atau teks seperti '5,88%', '6 pasar', '< 5%'. Tanda '<' berarti makin rendah makin baik (Negatif)."),
        ("i", "Indikator yang harus berada di dalam rentang diberi Polaritas Stabil dan target rentang: '80-90', '7,5 s.d. 9', "
              "atau '≥ 80' / '≤ 5'. Realisasi di dalam rentang berarti capaian 100%; di bawahnya realisasi / batas bawah × 100; "
              "di atasnya batas atas / realisasi × 100."),
        ("i", "Kolom Akumulasi (boleh kosong) menyatakan cara realisasi triwulan digabung: Jumlah untuk yang bertambah "
              "(jumlah kegiatan, dokumen, orang dilayani: 3 + 4 + 2 + 5 = 14), Terakhir untuk keadaan pada akhir periode "
              "(persentase, indeks, status: TW IV yang berlaku), Rata-rata untuk rerata triwulan. Kosong berarti Terakhir."),
        ("i", "Jangan mengganti nama lembar dan judul kolom; kolom tambahan di kanan boleh."),
        ("h", "Langkah berikutnya"),
        ("i", "lakip template --renstra renstra.xlsx --tahun <tahun>   membuat satu templat per bidang."),
        ("i", "lakip consolidate <folder>   membaca semua laporan yang kembali dan menyusun workbook LAKIP."),
    ]
