"""Findings: every problem the tool finds, as data.

One catalogue (:data:`RULES`) lists every kind of finding with a stable
kebab-case code, a default level, an Indonesian title, a message template and
an example. Findings are built only through :func:`finding`, so a code that is
not catalogued fails loudly in tests, and the README's rule list is generated
from the catalogue (``python -m lakip_xl.findings``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Iterable

from lakip_xl.excel import split_ref


class Level(enum.IntEnum):
    """Severity; the value orders findings (Galat first)."""

    GALAT = 0
    PERINGATAN = 1
    INFO = 2

    @property
    def label(self) -> str:
        return {0: "Galat", 1: "Peringatan", 2: "Info"}[int(self)]


GALAT, PERINGATAN, INFO = Level.GALAT, Level.PERINGATAN, Level.INFO


@dataclass(frozen=True)
class Rule:
    code: str
    level: Level
    title: str
    template: str
    example: str


def _rules(*rules: Rule) -> dict[str, Rule]:
    return {r.code: r for r in rules}


RULES: dict[str, Rule] = _rules(
    # --- files -----------------------------------------------------------------
    Rule("berkas-dilewati", INFO, "Berkas bukan workbook dilewati",
         "Berkas {berkas} bukan workbook Excel/LibreOffice; dilewati.",
         "catatan.docx di folder masukan"),
    Rule("berkas-kunci-excel", INFO, "Berkas kunci Excel dilewati",
         "{berkas} adalah berkas kunci sementara Excel (berkas aslinya sedang dibuka); dilewati.",
         "~$Bidang Pasar.xlsx"),
    Rule("berkas-rusak", GALAT, "Berkas tidak dapat dibuka",
         "Berkas {berkas} tidak dapat dibuka sebagai workbook: {sebab}. Simpan ulang dari Excel/LibreOffice lalu kirim lagi.",
         "berkas teks yang diganti namanya menjadi .xlsx"),
    Rule("berkas-terenkripsi", GALAT, "Berkas berkata sandi",
         "Berkas {berkas} dilindungi kata sandi sehingga tidak dapat dibaca. Hapus kata sandi berkas (bukan proteksi lembar) lalu kirim lagi.",
         "workbook yang disimpan dengan 'Encrypt with Password'"),
    Rule("berkas-terlalu-besar", GALAT, "Berkas melampaui batas aman",
         "Berkas {berkas} ditolak: {sebab}.",
         "bom zip: 1 MB yang terurai menjadi 5 GB"),
    Rule("berkas-sementara", INFO, "Berkas sementara yang tertinggal",
         "{berkas} adalah berkas sementara lakip-xl dari proses yang terhenti (dimatikan atau listrik padam); bukan keluaran, aman dihapus.",
         ".~lakip-k3j2h1.xlsx di folder output"),
    Rule("berkas-bukan-biasa", INFO, "Bukan berkas biasa",
         "{berkas} bukan berkas biasa ({jenis}); dilewati.",
         "folder bernama laporan.xlsx, tautan yang rusak, pipa bernama"),
    Rule("surel-tanpa-lampiran", INFO, "Surel tanpa lampiran workbook",
         "Surel {berkas} (dari {pengirim}, {tanggal}, subjek \"{subjek}\") tidak berlampiran workbook{lampiran}; dilewati. Bila laporannya terkirim di surel lain, abaikan.",
         "balasan 'Baik, segera kami kirim' tanpa lampiran"),
    Rule("surel-draf-dilewati", INFO, "Draf surel lakip-xl dilewati",
         "Surel {berkas} (\"{subjek}\") adalah draf yang dibuat lakip-xl (templat atau perbaikan yang dikirim ke bidang), bukan laporan yang kembali; dilewati.",
         "draf templat yang tersimpan di folder masukan"),
    Rule("surel-rusak", PERINGATAN, "Surel tidak dapat dibaca",
         "Surel {berkas} tidak dapat dibaca: {sebab}. Simpan ulang surel itu dari program surel (.eml atau .msg), atau simpan lampirannya di folder ini.",
         "berkas .eml yang terpotong saat disalin"),
    Rule("surel-msg-tidak-didukung", PERINGATAN, "Surel Outlook tidak dapat dibaca di sini",
         "Surel Outlook {berkas} (.msg) tidak dapat dibaca karena pustaka extract-msg belum terpasang (pip install 'lakip-xl[outlook]'). Atau simpan surel itu sebagai .eml, atau simpan lampirannya di folder ini.",
         "lakip-xl dipasang tanpa [outlook]"),
    Rule("berkas-biner", GALAT, "Workbook biner Excel",
         "Berkas {berkas} adalah workbook biner Excel (.xlsb), yang tidak dibaca. Buka di Excel, pilih Simpan Sebagai 'Excel Workbook (*.xlsx)', lalu kirim lagi.",
         "laporan yang disimpan sebagai .xlsb"),
    Rule("bukan-berkas-laporan", INFO, "Workbook bukan laporan bidang",
         "Workbook {berkas} tidak punya lembar Identitas, IKU maupun Program (atau berupa Renstra); dianggap bukan laporan bidang dan dilewati.",
         "renstra.xlsx atau rekap lain di folder masukan"),
    Rule("lembar-tidak-ada", GALAT, "Lembar wajib tidak ada",
         "Lembar '{lembar}' tidak ditemukan (lembar yang ada: {ada}).",
         "lembar 'Program' terhapus"),
    Rule("kolom-tidak-ada", GALAT, "Kolom wajib tidak ada",
         "Kolom '{kolom}' tidak ditemukan di baris judul lembar '{lembar}' (20 baris teratas diperiksa).",
         "kolom 'Realisasi' diganti nama menjadi 'Capaian'"),
    Rule("lembar-ganda", GALAT, "Lembar ganda",
         "Ada {jumlah} lembar bernama '{lembar}' ({semua}); yang dibaca '{dipakai}' (isinya paling banyak). Hapus lembar yang lama.",
         "lembar 'Program' lama di samping 'Program ' yang sudah diisi"),
    Rule("kolom-ganda", GALAT, "Judul kolom ganda",
         "Judul kolom '{kolom}' ada di beberapa kolom ({semua}); yang dibaca kolom {dipakai}. Hapus atau ganti nama kolom yang lain.",
         "dua kolom 'Realisasi'"),
    Rule("baris-terlalu-banyak", PERINGATAN, "Lembar terlalu panjang",
         "Lembar '{lembar}' berisi {jumlah} baris; hanya {batas} baris pertama yang dibaca.",
         "lembar Program dengan 300.000 baris"),
    # --- identity ----------------------------------------------------------------
    Rule("identitas-tidak-lengkap", GALAT, "Identitas tidak lengkap",
         "Nilai '{atribut}' di lembar Identitas kosong atau tidak terbaca ({terbaca}).",
         "Bidang kosong"),
    Rule("identitas-tidak-sah", PERINGATAN, "Isian Identitas tidak dikenal",
         "Nilai '{atribut}' di lembar Identitas tidak terbaca ({terbaca}); yang boleh: {boleh}. Nilai ini diabaikan.",
         "Triwulan 'kedua'"),
    Rule("triwulan-kolom-berbeda", PERINGATAN, "Triwulan tidak sesuai kolomnya",
         "Identitas menyebut triwulan {triwulan}, tetapi lembar IKU/Program memuat kolom realisasi sampai "
         "triwulan {kolom}. Yang dipakai triwulan {triwulan}; periksa templatnya.",
         "Triwulan 3 pada templat TW II"),
    Rule("bidang-tidak-dikenal", GALAT, "Bidang tidak dikenal",
         "Bidang '{bidang}' tidak ada di lembar Bidang Renstra (yang dikenal: {dikenal}).",
         "Bidang: 'Bid. Pasar'"),
    Rule("bidang-ganda", GALAT, "Bidang dikirim dua kali",
         "Bidang {bidang} dikirim lebih dari sekali: {berkas_semua}. Yang dipakai: {dipakai} ({alasan}); hapus yang lain dari folder.",
         "Bidang Pasar.xlsx dan Bidang Pasar (revisi).xlsx"),
    Rule("bidang-tidak-mengirim", GALAT, "Bidang belum mengirim",
         "Belum ada laporan dari {bidang} ({kode}); {jumlah} baris Renstra tahun {tahun} kosong.",
         "UPT Metrologi Legal belum mengirim"),
    Rule("tahun-salah", GALAT, "Tahun laporan berbeda",
         "Tahun di lembar Identitas {terbaca}, sedangkan yang dikonsolidasi tahun {tahun}; berkas ini tidak dipakai.",
         "Tahun 2020 pada laporan 2021"),
    Rule("instansi-berbeda", PERINGATAN, "Nama instansi berbeda",
         "Instansi '{terbaca}' berbeda dengan Renstra '{renstra}'.",
         "Instansi: 'Dinas Kesehatan'"),
    Rule("versi-templat-berbeda", INFO, "Versi templat berbeda",
         "Berkas dibuat dari templat '{terbaca}', versi sekarang '{versi}'. Tetap dibaca menurut kontrak.",
         "templat tahun lalu"),
    # --- rows ---------------------------------------------------------------------
    Rule("kode-tidak-dikenal", GALAT, "Kode tidak ada di Renstra",
         "{kolom} '{kode}' tidak ada di Renstra; baris ini tidak dipakai.",
         "Kode 3.30.03.2.09 yang tidak ada di Renstra"),
    Rule("indikator-tidak-dikenal", GALAT, "Indikator tidak ada di Renstra",
         "Indikator '{indikator}' untuk kode {kode} tidak ada di Renstra; baris ini tidak dipakai.",
         "indikator kedua yang ditambahkan sendiri"),
    Rule("baris-bidang-lain", GALAT, "Baris milik bidang lain",
         "{kode} ({indikator}) milik {pemilik} menurut Renstra, bukan {bidang}; {tindakan}.",
         "baris Program Pasar di laporan Bidang Perdagangan"),
    Rule("baris-ganda", GALAT, "Baris ganda",
         "{kode} ({indikator}) muncul lebih dari sekali (juga baris {baris_lain}); yang pertama dipakai.",
         "baris sub kegiatan tersalin dua kali"),
    Rule("baris-tidak-dilaporkan", PERINGATAN, "Baris Renstra tidak ada di laporan",
         "{kode} ({indikator}) ada di Renstra tahun {tahun} untuk {bidang} tetapi tidak ada di laporan.",
         "baris sub kegiatan terhapus"),
    Rule("target-berbeda", PERINGATAN, "Target berbeda dengan Renstra",
         "Target {terbaca} berbeda dengan target Renstra tahun {tahun} ({renstra}); yang dipakai target Renstra.",
         "Target 2 sedangkan Renstra 6"),
    Rule("satuan-berbeda", PERINGATAN, "Satuan berbeda dengan Renstra",
         "Satuan '{terbaca}' berbeda dengan Renstra ('{renstra}').",
         "Satuan 'Persen' untuk indikator dalam bulan"),
    Rule("polaritas-berbeda", PERINGATAN, "Polaritas berbeda dengan Renstra",
         "Polaritas '{terbaca}' berbeda dengan Renstra ('{renstra}'); capaian dihitung dengan polaritas Renstra.",
         "Positif untuk koefisien variasi harga"),
    Rule("bukan-angka", GALAT, "Nilai bukan angka",
         "{kolom} harus angka, tetapi terbaca {terbaca}; nilai ini tidak dipakai.",
         "Realisasi 'dua belas'"),
    Rule("angka-dipulihkan", PERINGATAN, "Angka ditulis sebagai teks",
         "{kolom} ditulis sebagai teks {terbaca}; dibaca sebagai {nilai}. Periksa apakah benar.",
         "'1.234.567,89' di sel berformat teks"),
    Rule("persen-dipulihkan", PERINGATAN, "Sel berformat persen",
         "{kolom} berformat persen (tersimpan {terbaca}); dibaca sebagai {nilai} persen.",
         "8,57% diketik di sel persen (tersimpan 0,0857)"),
    Rule("kode-dipulihkan", PERINGATAN, "Kode diubah Excel",
         "{kolom} terbaca {terbaca} (diubah Excel menjadi {jenis}); dibaca sebagai '{kode}'. Format sel kode sebagai Teks.",
         "03:30:03 terbaca sebagai jam"),
    Rule("angka-negatif", GALAT, "Angka negatif",
         "{kolom} bernilai negatif ({nilai}); nilai ini tidak dipakai.",
         "Pagu -5.000.000"),
    Rule("angka-tidak-wajar", GALAT, "Angka tidak wajar",
         "{kolom} bernilai {nilai}, di atas batas wajar {batas}; nilai ini tidak dipakai.",
         "Realisasi Anggaran 1e18"),
    Rule("realisasi-kosong", PERINGATAN, "Realisasi belum diisi",
         "Realisasi {kode} ({indikator}) kosong; capaian tidak dihitung (kosong berarti belum dilaporkan, bukan nol).",
         "Realisasi Program Penilaian Kesehatan KSP/USP kosong"),
    Rule("rumus-tanpa-nilai", GALAT, "Rumus tanpa nilai tersimpan",
         "{kolom} berisi rumus {rumus} tanpa nilai tersimpan (berkas dibuat program lain). Buka dan simpan ulang di Excel/LibreOffice.",
         "=D5*2 yang ditulis openpyxl"),
    Rule("teks-terlalu-panjang", PERINGATAN, "Teks terlalu panjang",
         "{kolom} berisi {jumlah} karakter; dipotong menjadi {batas} karakter (batas sel Excel).",
         "Penjelasan 40.000 karakter"),
    Rule("baris-tanpa-kode", GALAT, "Baris berisi angka tanpa kode",
         "Baris {baris} berisi {isi} tetapi {kolom}-nya kosong; baris ini tidak dapat ditempatkan dan tidak dihitung. Isi {kolom} sesuai Renstra.",
         "baris sisipan tanpa kode dengan Pagu 500.000.000"),
    Rule("teks-dibersihkan", PERINGATAN, "Karakter tak terlihat dibuang",
         "{kolom} berisi karakter tak terlihat ({karakter}); dibuang, dibaca sebagai '{teks}'.",
         "'PSR' yang disalin dari PDF dengan spasi lebar-nol di belakangnya"),
    Rule("satuan-tidak-cocok", PERINGATAN, "Satuan angka tidak cocok dengan indikator",
         "{kolom} ditulis {terbaca} (satuan '{satuan_teks}'), sedangkan satuan indikatornya '{satuan}'; periksa angkanya.",
         "'12 bulan' untuk indikator dalam % (target 7%)"),
    Rule("penjelasan-bertentangan", PERINGATAN, "Penjelasan bertentangan dengan angkanya",
         "Penjelasan {kode} menyebut {disebut}, sedangkan menurut angkanya {sebenarnya}.",
         "'(100%) sama dengan target (83%)' dengan capaian 120%"),
    Rule("laporan-belum-lengkap", PERINGATAN, "Laporan belum lengkap",
         "Laporan belum lengkap: {rincian} masih kosong, antara lain {sel}. Isi sel kuning, atau tulis di Penjelasan mengapa datanya belum ada.",
         "templat yang dikirim tanpa diisi"),
    # --- quarterly run ------------------------------------------------------------
    Rule("triwulan-berbeda", PERINGATAN, "Laporan triwulan lain",
         "Laporan ini {dilaporkan}, sedangkan konsolidasi ini triwulan {triwulan}; angkanya dipakai apa adanya "
         "sebagai realisasi sampai triwulan {triwulan}. Minta bidang mengisi templat triwulan {triwulan}.",
         "laporan TW I dikirim pada konsolidasi TW II"),
    Rule("triwulan-kosong", PERINGATAN, "Realisasi satu triwulan kosong",
         "Realisasi TW {triwulan} {kode} ({indikator}) kosong, padahal triwulan lain diisi; kumulatifnya dihitung "
         "tanpa triwulan ini. Isi 0 bila memang tidak ada realisasi pada triwulan itu.",
         "TW I dan TW III diisi, TW II kosong"),
    Rule("triwulan-tampak-kumulatif", PERINGATAN, "Realisasi triwulan tampak sebagai angka kumulatif",
         "Realisasi per triwulan {kode} ({indikator}) naik terus dan berjumlah {jumlah}, jauh di atas target "
         "tahunan {target}, sedangkan triwulan terakhir saja {terakhir}. Indikator ini berakumulasi Jumlah: "
         "isi realisasi masing-masing triwulan, bukan angka sampai dengan triwulan itu.",
         "TW I 50, TW II 120, TW III 200, TW IV 300 dengan target 300"),
    Rule("anggaran-melebihi-kas", PERINGATAN, "Realisasi anggaran jauh di atas anggaran kas",
         "Realisasi anggaran {kode} pada TW {triwulan} Rp {realisasi} lebih dari {persen}% di atas anggaran kas "
         "triwulan itu Rp {kas} (Rencana Aksi). Periksa angkanya atau perbarui anggaran kas.",
         "realisasi TW I 60.000.000 dengan anggaran kas 20.000.000"),
    # --- budget -------------------------------------------------------------------
    Rule("keuangan-kelompok-tidak-dikenal", GALAT, "Baris Keuangan tanpa kelompok",
         "Baris {baris} lembar Keuangan ({uraian}; {isi}) tidak punya Kelompok yang dikenal (terbaca {terbaca}): "
         "tulis Pendapatan, Belanja Operasi, Belanja Modal atau Belanja Tidak Terduga, atau Kode Rekening 4… / "
         "5.1… / 5.2… / 5.3…. Angkanya tidak dihitung.",
         "Kelompok 'Lain-lain'"),
    Rule("keuangan-ganda", PERINGATAN, "Lembar Keuangan di lebih dari satu laporan",
         "{berkas} juga berisi lembar Keuangan; yang dipakai hanya milik {dipakai} (unit pemegang Program "
         "Penunjang). Angka di sini tidak dihitung.",
         "Bidang Pasar mengisi lembar Keuangan salinan dari Sekretariat"),
    Rule("belanja-jenis-tidak-sesuai", PERINGATAN, "Belanja per jenis tidak sama dengan belanja program",
         "Jumlah belanja per jenis di lembar Keuangan ({kolom}) Rp {jenis}, sedangkan jumlah sub kegiatan semua "
         "bidang Rp {program} (selisih Rp {selisih}). Keduanya harus sama; periksa DPA.",
         "belanja pegawai + barang dan jasa + modal 12.800.000.000, program 12.872.381.707"),
    # --- kepegawaian (the Sekretariat's Pegawai sheets, Tabel 1.1–1.7) -------------
    Rule("pegawai-bukan-bilangan-bulat", GALAT, "Jumlah pegawai bukan bilangan bulat",
         "Kolom {kolom} berisi {nilai}: jumlah orang harus bilangan bulat. Angkanya tidak dihitung.",
         "2,5 pegawai"),
    Rule("pegawai-jumlah-salah", GALAT, "Jumlah pegawai tidak sama dengan rinciannya",
         "{apa}: diketik {terbaca}, sedangkan jumlah rinciannya {jumlah} (selisih {selisih}). Yang dipakai jumlah "
         "rincian; perbaiki salah satunya.",
         "Jumlah Sekretariat 13, padahal jumlah per golongan 12"),
    Rule("pegawai-tahun-tidak-cocok", PERINGATAN, "Jumlah pegawai satu tahun berbeda antartabel",
         "Tahun {tahun}: {rincian}. Ketiganya harus sama (Tabel 1.4, 1.5 dan 1.7 LAKIP); yang ditampilkan apa "
         "adanya.",
         "2017: menurut pendidikan 74, menurut golongan 74, Jumlah Pegawai 72"),
    Rule("pegawai-rincian-tidak-cocok", PERINGATAN, "Rincian pegawai tahun ini berbeda antarlembar",
         "{apa}: menurut lembar {lembar_a} {a}, menurut lembar {lembar_b} {b}. Keduanya menghitung pegawai yang "
         "sama dan harus sama.",
         "laki-laki menurut pendidikan 29, menurut golongan 31"),
    Rule("pegawai-pendidikan-tidak-dikenal", PERINGATAN, "Tingkat pendidikan tidak dikenal",
         "Tingkat pendidikan {terbaca} bukan salah satu dari {daftar}: tampil di Tabel 1.2 apa adanya, tetapi tidak "
         "di Tabel 1.4 (perkembangan per tahun).",
         "'Paket C'"),
    Rule("pegawai-tahun-tidak-sah", GALAT, "Tahun tidak sah di lembar Pegawai Tahunan",
         "Kolom Tahun berisi {terbaca}: tulis tahun empat angka, misalnya 2020. Baris ini tidak dihitung.",
         "'2020/2021'"),
    Rule("pegawai-ganda", PERINGATAN, "Lembar pegawai di lebih dari satu laporan",
         "{berkas} juga berisi lembar Pegawai; yang dipakai hanya milik {dipakai} (unit pemegang Program "
         "Penunjang). Angka di sini tidak dihitung.",
         "Bidang Pasar mengisi lembar Pegawai Golongan salinan dari Sekretariat"),
    Rule("realisasi-melebihi-pagu", GALAT, "Realisasi anggaran melebihi pagu",
         "Realisasi anggaran {kode} Rp {realisasi} melebihi pagu Rp {pagu}.",
         "realisasi 40.000.000 dengan pagu 38.940.000"),
    Rule("jumlah-tidak-sesuai", GALAT, "Jumlah tidak sama dengan rinciannya",
         "{kolom} {kode} Rp {terbaca} tidak sama dengan jumlah rinciannya Rp {jumlah} (selisih Rp {selisih}); yang dipakai jumlah rincian.",
         "pagu kegiatan 2.147.709.400 sedangkan jumlah sub kegiatan 2.147.709.000"),
    Rule("jumlah-selisih-pembulatan", INFO, "Selisih pembulatan",
         "{kolom} {kode} Rp {terbaca} berbeda Rp {selisih} dari jumlah rinciannya Rp {jumlah} (pembulatan setengah rupiah).",
         "85.137.249 tercetak, jumlah 85.137.248,50"),
    Rule("pagu-berbeda-renstra", INFO, "Pagu DPA berbeda dengan Renstra",
         "Pagu DPA {kode} Rp {pagu} berbeda dengan pendanaan indikatif Renstra tahun {tahun} Rp {renstra} (selisih Rp {selisih}).",
         "pagu 800.537.400, Renstra 774.292.350"),
    Rule("anggaran-ganda", PERINGATAN, "Anggaran diisi di beberapa baris",
         "Pagu/Realisasi Anggaran {kode} diisi di lebih dari satu baris indikator; yang dipakai baris {baris}.",
         "pagu diisi di dua baris indikator kode yang sama"),
    Rule("anggaran-ganda-berbeda", GALAT, "Anggaran diisi dua kali dengan angka berbeda",
         "Pagu/Realisasi Anggaran {kode} juga diisi di baris {baris} dengan angka lain (Rp {pagu_lain} / Rp {realisasi_lain}); yang dipakai baris {baris}, Rp {pagu} / Rp {realisasi} di sini tidak dihitung.",
         "pagu berbeda di dua baris indikator kode yang sama"),
    Rule("jumlah-tanpa-rincian", GALAT, "Jumlah diisi tanpa rinciannya",
         "{kolom} {kode} diisi Rp {terbaca}, tetapi semua rinciannya (kegiatan/sub kegiatan) kosong; jumlah ini tidak dapat ditempatkan dan tidak dihitung. Isi anggaran pada baris rinciannya.",
         "pagu program diketik, sub kegiatannya kosong"),
    Rule("pagu-dpa-kosong", PERINGATAN, "Pagu DPA kosong padahal didanai Renstra",
         "{kode} mendapat pendanaan indikatif Renstra tahun {tahun} Rp {renstra}, tetapi Pagu DPA-nya kosong di laporan.",
         "sub kegiatan Ekspor: Renstra 32.674.769, DPA '-'"),
    Rule("capaian-tanpa-anggaran", PERINGATAN, "IKU tercapai tanpa anggaran",
         "Realisasi IKU {kode} ({indikator}) dilaporkan, tetapi tidak satu pun program, kegiatan atau sub kegiatan pendukung sasaran {sasaran} beranggaran tahun {tahun}. Periksa Kode Sasaran di Renstra atau pagu DPA.",
         "SS3: pagu '-' di semua tingkat, capaian 100%"),
    # --- results ------------------------------------------------------------------
    Rule("capaian-tidak-dihitung", PERINGATAN, "Capaian tidak dapat dihitung",
         "Capaian {kode} ({indikator}) tidak dihitung: {sebab}.",
         "target 0"),
    Rule("realisasi-sama-tahun-lalu", INFO, "Realisasi sama persis dengan tahun lalu",
         "Realisasi {kode} {nilai} sama dengan realisasi {tahun_lalu} dan targetnya; pastikan bukan angka tahun lalu yang disalin.",
         "volume ekspor 554.354 ton = 2020 = target"),
    Rule("batas-temuan", PERINGATAN, "Batas jumlah temuan tercapai",
         "Batas temuan tercapai; {sisa} temuan lain tidak dicatat ({rincian}).",
         "ribuan baris bermasalah"),
    # --- renstra --------------------------------------------------------------------
    Rule("renstra-nilai-bukan-angka", GALAT, "Nilai Renstra bukan angka",
         "{kolom} Renstra harus angka, tetapi terbaca {terbaca}.",
         "Target 2022 'enam'"),
    Rule("renstra-kode-ganda", GALAT, "Kode ganda di Renstra",
         "{kode} ({indikator}) muncul lebih dari sekali di Renstra (juga baris {baris_lain}).",
         "3.30.05.2.01.03 dipakai dua kali"),
    Rule("renstra-induk-tidak-ada", PERINGATAN, "Induk kode tidak ada di Renstra",
         "{kode} tidak punya induk {induk} di lembar Program.",
         "sub kegiatan tanpa baris kegiatannya"),
    Rule("renstra-rujukan-tidak-dikenal", GALAT, "Rujukan Renstra tidak dikenal",
         "{kolom} '{nilai}' tidak ada di lembar {lembar_rujukan}.",
         "Bidang 'PSR2' yang tidak ada di lembar Bidang"),
    Rule("renstra-kode-tidak-sah", GALAT, "Kode Renstra tidak sah",
         "Kode '{kode}' tidak mengikuti nomenklatur (3, 5 atau 6 bagian, misalnya 3.30.03.2.01.01).",
         "3.30"),
    Rule("renstra-kosong", GALAT, "Renstra masih kosong",
         "Renstra {berkas} belum berisi IKU (lembar Sasaran) maupun baris program (lembar Program); isi dahulu sebelum membuat templat.",
         "renstra.xlsx dari 'lakip init' yang belum diisi"),
    Rule("renstra-surel-tidak-sah", PERINGATAN, "Alamat surel Renstra tidak sah",
         "Alamat surel '{terbaca}' ({kolom}) tidak sah, jadi tidak dipakai untuk draf surel. Tulis seperti nama@instansi.go.id; beberapa alamat dipisah titik koma.",
         "'psr@dinas' tanpa .go.id di kolom Surel"),
    Rule("renstra-nilai-tidak-sah", GALAT, "Nilai Renstra tidak sah",
         "{kolom} Renstra terbaca {terbaca}; yang boleh: {boleh}.",
         "Polaritas 'naik turun'"),
    Rule("renstra-rentang-bukan-stabil", PERINGATAN, "Target rentang pada indikator bukan Stabil",
         "Targetnya rentang (misalnya 80–90) tetapi Polaritas {polaritas}; indikator ini dihitung sebagai Stabil "
         "(100% bila realisasi di dalam rentang). Ubah Polaritas menjadi Stabil, atau tulis target satu angka.",
         "target '80-90' dengan Polaritas Positif"),
    Rule("renstra-uraian-berbeda", GALAT, "Satu kode untuk dua uraian",
         "Kode {kode} di sini berarti '{uraian}', di baris {baris_lain} '{uraian_lain}'. Satu kode hanya untuk satu program, kegiatan atau sub kegiatan; betulkan kodenya.",
         "3.30.05.2.01.03 dipakai dua kali"),
    Rule("renstra-sasaran-berbeda", PERINGATAN, "Indikator satu kode mendukung sasaran berbeda",
         "Baris {kode} ini berkode sasaran {terbaca}, baris {baris_lain} dengan kode yang sama {dipakai}; yang dipakai {dipakai}.",
         "dua indikator satu kegiatan dengan Kode Sasaran berbeda"),
    Rule("renstra-tanpa-sasaran", GALAT, "Program tanpa sasaran",
         "{kode} ({uraian}) bukan program penunjang dan tidak punya Kode Sasaran, juga tidak mewarisinya; anggarannya dijumlah sebagai 'Tanpa Sasaran'. Isi Kode Sasaran, atau Jenis 'Penunjang'.",
         "program 2.15.02 dengan Kode Sasaran kosong"),
    Rule("renstra-penunjang-bersasaran", INFO, "Program bernomor penunjang mendukung sasaran",
         "Program {kode} bernomor 01 (program penunjang menurut nomenklatur) tetapi berkode sasaran {sasaran}; dihitung sebagai pendukung sasaran itu. Isi kolom Jenis untuk menegaskannya.",
         "2.15.01 dengan Kode Sasaran SS05"),
    Rule("renstra-target-akhir-berbeda", PERINGATAN, "Target akhir Renstra berbeda",
         "Target Akhir Renstra {kode} {terbaca} berbeda dengan target tahun terakhir ({tahun}) {target}.",
         "volume ekspor 554.354 sedangkan target 2024 610.880"),
    Rule("renstra-rencana-aksi-tw4", PERINGATAN, "Target Rencana Aksi TW IV berbeda dengan target tahunan",
         "Target s.d. TW IV {kode} tahun {tahun} di Rencana Aksi {terbaca}, sedangkan target tahun itu {target}. "
         "Target Rencana Aksi adalah target sampai dengan triwulan itu: TW IV sama dengan target tahunan.",
         "target tahunan 100, target TW IV 25 (target triwulan itu saja)"),
    Rule("renstra-satuan-berubah", PERINGATAN, "Satuan berubah antartahun",
         "Satuan {kode} tidak sama antartahun ({satuan}); capaian tahun-tahun itu tidak dapat dibandingkan. Pakai satu satuan untuk semua tahun.",
         "'5 dokumen' tahun 2021, '400%' tahun berikutnya"),
    Rule("renstra-satuan-tidak-cocok", PERINGATAN, "Satuan tidak cocok dengan nama indikator",
         "Indikator {kode} '{indikator}' berupa persentase, tetapi satuannya '{satuan}'.",
         "'Persentase perijinan …' dengan satuan 'pasar'"),
    Rule("renstra-periode-berbeda", INFO, "Periode Renstra tidak sama dengan tahunnya",
         "Periode Renstra '{terbaca}' tidak sama dengan tahun kolom Target ({awal}-{akhir}).",
         "'2020 - 2024' dengan kolom Target 2021-2024"),
    Rule("baseline-berbeda-riwayat", INFO, "Baseline berbeda dengan riwayat",
         "Baseline {kode} {baseline} berbeda dengan realisasi {tahun} di lembar Riwayat ({riwayat}). Sebutkan tahun baseline atau betulkan salah satunya.",
         "baseline 2,18% sedangkan realisasi 2020 35,87%"),
)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, with where it is and what to do, in Indonesian."""

    level: Level
    rule: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    message: str = field(default="", compare=False)

    @property
    def level_label(self) -> str:
        return self.level.label

    def as_row(self) -> tuple[str, str, str, str, str, str]:
        """``Tingkat | Aturan | Berkas | Lembar | Sel | Pesan`` (the Validasi sheet)."""
        return (self.level.label, self.rule, self.file, self.sheet, self.cell, self.message)


def finding(
    rule: str,
    file: str = "",
    sheet: str = "",
    cell: str = "",
    level: Level | None = None,
    **fields: Any,
) -> Finding:
    """Build a finding of a catalogued rule, its message rendered from the template.

    Raises:
        KeyError: ``rule`` is not in :data:`RULES` (a programming error).
    """
    spec = RULES[rule]
    values = {"berkas": file, "lembar": sheet, **{k: _show(v) for k, v in fields.items()}}
    return Finding(
        level=spec.level if level is None else level,
        rule=rule,
        file=file,
        sheet=sheet,
        cell=cell,
        message=spec.template.format_map(_Strict(values, rule)),
    )


class _Strict(dict):
    def __init__(self, values: dict[str, Any], rule: str) -> None:
        super().__init__(values)
        self.rule = rule

    def __missing__(self, key: str) -> str:
        raise KeyError(f"finding {self.rule!r}: template field {key!r} not given")


def _show(value: Any) -> Any:
    if isinstance(value, Decimal):
        from lakip_xl.parse import format_number

        return format_number(value)
    return value


@dataclass
class Report:
    """All findings of a run, capped; sorted for display.

    The cap is per rule (a tenth of ``limit``) as well as overall, so that a
    flood of one kind (100.000 duplicated rows) cannot hide the other kinds.
    """

    limit: int = 10_000
    findings: list[Finding] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)
    _per_rule: dict[str, int] = field(default_factory=dict)

    def add(self, item: Finding) -> None:
        n = self._per_rule.get(item.rule, 0)
        if len(self.findings) < self.limit and n < max(self.limit // 10, 1):
            self.findings.append(item)
            self._per_rule[item.rule] = n + 1
        else:
            self.dropped[item.rule] = self.dropped.get(item.rule, 0) + 1

    def extend(self, items: Iterable[Finding]) -> None:
        for item in items:
            self.add(item)

    def finish(self) -> list[Finding]:
        """Findings in a stable order (level, file, sheet, cell), the cap warning last."""
        out = sorted(set(self.findings), key=_sort_key)
        if self.dropped:
            detail = ", ".join(f"{rule} {n}" for rule, n in sorted(self.dropped.items()))
            out.append(finding("batas-temuan", sisa=sum(self.dropped.values()), rincian=detail))
        return out

    def counts(self) -> dict[Level, int]:
        result = {lvl: 0 for lvl in Level}
        for f in self.findings:
            result[f.level] += 1
        return result


def _sort_key(f: Finding) -> tuple:
    return (f.level, f.file, f.sheet, _cell_key(f.cell), f.rule, f.message)


def _cell_key(cell: str) -> tuple[int, int]:
    """``"AB12"`` → ``(12, 28)`` so that findings sort by row, then column."""
    row, col = split_ref(cell)
    return (row + 1, col + 1)


def flatten(findings: Iterable[Finding], fields: Iterable[str] = ("rule", "sheet", "cell")) -> list[list[Any]]:
    """Findings as lists of the given attributes, for one-line test assertions."""
    names = list(fields)
    return [[getattr(f, n) for n in names] for f in findings]


def counts_by_level(findings: Iterable[Finding]) -> dict[Level, int]:
    result = {lvl: 0 for lvl in Level}
    for f in findings:
        result[f.level] += 1
    return result


def rules_markdown() -> str:
    """The rule reference for the README, generated from the catalogue."""
    lines = ["| Aturan | Tingkat | Arti | Contoh |", "|---|---|---|---|"]
    for r in RULES.values():
        lines.append(f"| `{r.code}` | {r.level.label} | {r.title} | {r.example} |")
    return "\n".join(lines)


README_START, README_END = "<!-- rules:start -->", "<!-- rules:end -->"


def update_readme(path: str) -> bool:
    """Write the rule table between the README's markers; True when the file changed."""
    from pathlib import Path

    p = Path(path)
    text = p.read_text(encoding="utf-8")
    head, _, rest = text.partition(README_START)
    _, _, tail = rest.partition(README_END)
    new = f"{head}{README_START}\n{rules_markdown()}\n{README_END}{tail}"
    if new != text:
        p.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":  # pragma: no cover
    import sys

    if len(sys.argv) > 2 and sys.argv[1] == "--readme":
        print("README diperbarui" if update_readme(sys.argv[2]) else "README sudah sesuai")
    else:
        print(rules_markdown())
