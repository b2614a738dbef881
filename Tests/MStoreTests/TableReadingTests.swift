import Foundation
import Testing

/// Tables as publishers really write them (issue: read any table, never silently wrong).
/// Fixtures/sdmx is written by pandas (Scripts/make-sdmx-fixtures.py) with the values each
/// file must give beside it.
@Suite struct TableReadingTests {
    /// (series, date, value) rows of a `series,date,value` CSV.
    static func rows(_ text: String) -> [String] {
        text.split(separator: "\n").dropFirst().map { line in
            let f = fields(String(line))
            return "\(f[0]),\(f[1]),\(Double(f[2]).map { "\($0)" } ?? f[2])"
        }.sorted()
    }

    /// A CSV line's fields (quotes as the csv module and the sqlite3 shell write them).
    static func fields(_ line: String) -> [String] {
        var out: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.append(chars.removeFirst()) } else { quoted = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }

    static func stored(_ db: String) throws -> [String] {
        let r = try CLI.run(["sql", "SELECT series, date, value FROM current_observation ORDER BY 1, 2", "--db", db, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        return rows(r.stdout)
    }

    static func expected(_ name: String) throws -> [String] {
        rows(try String(contentsOfFile: CLI.fixtures + "/sdmx/" + name, encoding: .utf8))
    }

    @Test func aReleaseStampIsNotPartOfTheKeySoAReleaseRecordsRevisions() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/s.db"
        let first = try CLI.run(["ingest", CLI.fixtures + "/sdmx/estat_hicp_r1.csv", "--db", db, "--vintage", "2025-10-17"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("\"LAST UPDATE\": a release stamp, kept out of the keys"), "\(first.stderr)")
        let second = try CLI.run(["ingest", CLI.fixtures + "/sdmx/estat_hicp_r2.csv", "--db", db, "--vintage", "2025-11-17"])
        #expect(second.status == 0, "\(second.stderr)")
        // Two series, not four: the second release revises EA's September and adds October.
        let series = try CLI.run(["sql", "SELECT count(*) FROM series", "--db", db, "--format", "csv"])
        #expect(series.stdout == "count(*)\n2\n", "\(series.stdout)")
        #expect(second.stdout.contains("2 inserted, 1 revised"), "\(second.stdout)")
        #expect(try Self.stored(db) == Self.expected("estat_hicp_r2.expected"))
        let asOf = try CLI.run(["show", "PRC_HICP_MANR.M.RCH_A.CP00.EA", "--as-of", "2025-10-31", "--format", "csv", "--db", db])
        #expect(asOf.stdout == "date,PRC_HICP_MANR.M.RCH_A.CP00.EA\n2025-08-01,2\n2025-09-01,2.2\n", "\(asOf.stdout)")
    }

    @Test func sdmxWithLabelsKeysByCodes() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/s.db"
        let r = try CLI.run(["ingest", CLI.fixtures + "/sdmx/labels_20.csv", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("sdmx"), "\(r.stdout)")
        #expect(try Self.stored(db) == Self.expected("labels_20.expected"))
    }

    @Test func aDateInAKeyColumnStopsTheIngest() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(
            "DATAFLOW,RELEASED,FREQ,TIME_PERIOD,OBS_VALUE\nX:F(1.0),2025-11-17T11:00:00,M,2025-09,1.5\n", name: "stamped.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("\"2025-11-17T11:00:00\" is a date or time, which cannot be part of a series key"), "\(r.stderr)")
    }

    @Test func fourDigitValuesDoNotHideTheDataSheet() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/s.db"
        let r = try CLI.run(["ingest", CLI.fixtures + "/workbooks/fred_short.xlsx", "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("[Weekly, Ending Wednesday]: fred, 1 series (WRESBAL), 5 rows: 5 inserted"), "\(r.stdout)")
        #expect(try Self.stored(db) == Self.rows(try String(contentsOfFile: CLI.fixtures + "/workbooks/fred_short.expected", encoding: .utf8)))
    }

    @Test(arguments: [
        ("date,series,value\n2024-01-31,A,1\n2024 Q1,A,2\n", ["A.D,2024-01-31,1.0", "A.Q,2024-01-01,2.0"]),
        ("date,series,value\n2024-01,A,1\n2024,A,2\n2024-02,B,3\n", ["A.A,2024-01-01,2.0", "A.M,2024-01-01,1.0", "B,2024-02-01,3.0"]),
        // The year's row first, and a key of two columns.
        ("date,c,i,value\n2024,DE,GDP,9\n2024-Q1,DE,GDP,2\n2024-Q1,FR,GDP,3\n", ["DE.GDP.A,2024-01-01,9.0", "DE.GDP.Q,2024-01-01,2.0", "FR.GDP,2024-01-01,3.0"]),
    ])
    func aKeyedSeriesMixingFrequenciesIsASeriesPerFrequency(text: String, rows: [String]) throws {
        // A January row and the year's row fall on the same day: one series would hold
        // whichever came last, or a revision that never happened. Only the keys that mix
        // are split.
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(text, name: "mixed.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try Self.stored(dir + "/s.db") == rows)
        // Different series may have different frequencies in one file (SDMX's FREQ).
        let sdmx = try CLI.run(["ingest", CLI.fixtures + "/corpus/sdmx_10_bis.csv", "--db", dir + "/s.db"])
        #expect(sdmx.status == 0, "\(sdmx.stderr)")
    }

    @Test func aFrequencyFirstSeenPastTheSampleStopsTheIngest() throws {
        // The split is decided from the first records; a year's row far below them cannot
        // join the monthly series silently.
        let dir = try temporaryDirectory()
        var text = "date,series,value\n"
        for m in 0..<240 { text += "\(2000 + m / 12)-\(String(format: "%02d", m % 12 + 1)),A,\(m)\n" }
        text += "2019,A,1\n"
        let file = try writeTemporaryFile(text, name: "late.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("late.csv:242:1: bad value \"2019\""), "\(r.stderr)")
        #expect(r.stderr.contains("one series cannot mix months and years"), "\(r.stderr)")
    }

    @Test(arguments: [
        ("date,X\n2024-01,1\n2024-02,2\n2024,1\n", ["X.A,2024-01-01,1.0", "X.M,2024-01-01,1.0", "X.M,2024-02-01,2.0"]),
        // The year's row first: it was once taken for the header (a series named "5").
        ("date,X\n2024,5\n2024-01,1\n2024-02,2\n", ["X.A,2024-01-01,5.0", "X.M,2024-01-01,1.0", "X.M,2024-02-01,2.0"]),
        ("date,X\nJan 2024,1\n2024,3\n2024 Q1,2\n", ["X.A,2024-01-01,3.0", "X.M,2024-01-01,1.0", "X.Q,2024-01-01,2.0"]),
        // Months among days are one series (a month is its 1st).
        ("date,X\n2024-01-30,1\n2024-02,2\n2024-03-01,3\n", ["X,2024-01-30,1.0", "X,2024-02-01,2.0", "X,2024-03-01,3.0"]),
    ])
    func aColumnMixingFrequenciesIsASeriesPerFrequency(text: String, rows: [String]) throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(text, name: "mixed.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(try Self.stored(dir + "/s.db") == rows)
    }

    /// Four-digit values with a decimal (reserves, gold) read like years or year.months;
    /// beside a column of written dates they are values, whatever the date column is called.
    @Test func numbersThatLookLikeYearsAreValuesBesideWrittenDates() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("When,Reserves,Gold\n11/20/2025,3138.7,2650.4\n11/27/2025,2829.1,2651.2\n12/04/2025,2884.8,2702.9\n", name: "w.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.stored(dir + "/s.db") == Self.rows(
            "h\nGold,2025-11-20,2650.4\nGold,2025-11-27,2651.2\nGold,2025-12-04,2702.9\nReserves,2025-11-20,3138.7\nReserves,2025-11-27,2829.1\nReserves,2025-12-04,2884.8"))
    }

    /// A German quote file: `16.769,36` proves decimal commas, so `12.345` beside it is
    /// twelve thousand three hundred and forty-five, not twelve point three.
    @Test func thousandsGroupsInADecimalCommaFileAreThousands() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("Date;Schlusskurs;Volumen\n02.01.2024;16.769,36;12.345\n03.01.2024;16.538,39;13.001\n", name: "dax.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.stored(dir + "/s.db") == Self.rows(
            "h\nDAX.CLOSE,2024-01-02,16769.36\nDAX.CLOSE,2024-01-03,16538.39\nDAX.VOLUME,2024-01-02,12345\nDAX.VOLUME,2024-01-03,13001"))
    }

    /// Keys survive releases: the period in a download's name is not part of its keys, so
    /// a later download of the same coin revises the series instead of starting new ones.
    @Test func thePeriodInADownloadsNameIsNotInItsKeys() throws {
        let dir = try temporaryDirectory()
        let head = "timeOpen;timeClose;timeHigh;timeLow;name;open;high;low;close;volume;marketCap;timestamp\n"
        func row(_ d: String, _ close: String) -> String {
            "\"\(d)T00:00:00.000Z\";\"\(d)T23:59:59.999Z\";\"\(d)T12:00:00.000Z\";\"\(d)T01:00:00.000Z\";\"2781\";1;2;0.5;\(close);10;100;\"\(d)T23:59:59.999Z\"\n"
        }
        let first = try writeTemporaryFile(head + row("2024-01-02", "42000") + row("2024-01-01", "41000"), name: "Bitcoin_1_1_2024-1_2_2024_historical_data_coinmarketcap.csv", in: dir)
        let later = try writeTemporaryFile(head + row("2024-01-03", "43000") + row("2024-01-02", "42100"), name: "Bitcoin_1_2_2024-1_3_2024_historical_data_coinmarketcap.csv", in: dir)
        let db = dir + "/s.db"
        #expect(try CLI.run(["ingest", first, "--db", db, "--vintage", "2024-01-02"]).status == 0)
        let r = try CLI.run(["ingest", later, "--db", db, "--vintage", "2024-01-03"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 revised"), "\(r.stdout)")
        #expect(try CLI.run(["show", "BITCOIN.CLOSE", "--db", db, "--format", "csv"]).stdout == "date,BITCOIN.CLOSE\n2024-01-01,41000\n2024-01-02,42100\n2024-01-03,43000\n")
        #expect(try CLI.run(["series", "--db", db, "--format", "csv"]).stdout.split(separator: "\n").count == 7)
    }

    /// An Excel 97–2003 workbook (an OLE2 compound file) is named for what it is, with the
    /// way out, instead of being read as text.
    @Test func anOldExcelWorkbookSaysHowToConvertIt() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504), name: "ie_data.xls", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("an Excel 97–2003 workbook (.xls)") && r.stderr.contains("save it as .xlsx or .csv"), "\(r.stderr)")
    }

    /// The New York Fed's SOMA holdings: `As Of Date` is the date axis, a security's
    /// `Maturity Date` describes it (never a key part, never a second axis).
    @Test func anAsOfDateIsTheAxisAndAMaturityDateAnAttribute() throws {
        let dir = try temporaryDirectory()
        let text = "As Of Date,CUSIP,Security Type,Security Description,Term,Maturity Date,Par Value,Percent Outstanding\n"
            + "2025-11-19,912797KJ5,Bills,United States Treasury Bill,52-Week,2025-11-28,12345678900,0.35\n"
            + "2025-11-19,91282CJK8,NotesBonds,United States Treasury Note,2-Year,2025-11-30,23456789000,0.32\n"
            + "2025-11-26,912797KJ5,Bills,United States Treasury Bill,52-Week,2025-11-28,12345678900,0.36\n"
        let file = try writeTemporaryFile(text, name: "soma.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("columns not read: \"Maturity Date\""), "\(r.stderr)")
        let stored = try Self.stored(dir + "/s.db")
        for row in ["912797KJ5.Bills.52-Week.PAR_VALUE,2025-11-19,12345678900.0", "912797KJ5.Bills.52-Week.PERCENT_OUTSTANDING,2025-11-26,0.36",
                    "91282CJK8.NotesBonds.2-Year.PAR_VALUE,2025-11-19,23456789000.0"] {
            #expect(stored.contains(row), "\(row) in \(stored)")
        }
    }

    /// Statistics New Zealand's CSV: `Series_reference` is the key, `Data_value` the value,
    /// `Period` year.month (`2023.03`), `Magnitude` a power of ten, `UNITS` the unit.
    @Test func statisticsNewZealandsCSV() throws {
        let dir = try temporaryDirectory()
        let text = "Series_reference,Period,Data_value,Suppressed,STATUS,UNITS,Magnitude,Subject,Group,Series_title_1\n"
            + "BOPQ.S06AC000000000A,2023.03,1245,,F,Dollars,6,Balance of Payments,BPM6 Quarterly,Actual\n"
            + "BOPQ.S06AC000000000A,2023.06,1302,,F,Dollars,6,Balance of Payments,BPM6 Quarterly,Actual\n"
            + "BOPQ.S06AC000000000A,2023.09,1210,,R,Dollars,6,Balance of Payments,BPM6 Quarterly,Actual\n"
            + "BOPQ.S06AC000000000A,2023.12,1288,,R,Dollars,6,Balance of Payments,BPM6 Quarterly,Actual\n"
        let file = try writeTemporaryFile(text, name: "bop.csv", in: dir)
        let db = dir + "/s.db"
        let r = try CLI.run(["ingest", file, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.stored(db) == Self.rows(
            "h\nBOPQ.S06AC000000000A,2023-03-01,1245\nBOPQ.S06AC000000000A,2023-06-01,1302\nBOPQ.S06AC000000000A,2023-09-01,1210\nBOPQ.S06AC000000000A,2023-12-01,1288"))
        let info = try CLI.run(["series", "BOPQ.S06AC000000000A", "--db", db, "--format", "csv"]).stdout
        #expect(info.contains("unit,Dollars\n") && info.contains("multiplier,1000000\n"), "\(info)")
    }

    /// A browser's second download of a file (`Bitcoin Historical Data (1).csv`) keys the
    /// same series as the first.
    @Test func aBrowsersNumberedSecondDownloadKeysTheSameSeries() throws {
        let dir = try temporaryDirectory()
        let text = "\"Date\",\"Price\",\"Open\",\"High\",\"Low\",\"Vol.\",\"Change %\"\n\"11/21/2025\",\"84,641.5\",\"86,538.5\",\"87,467.6\",\"80,659.4\",\"205.33K\",\"-2.19%\"\n"
        let file = try writeTemporaryFile(text, name: "Bitcoin Historical Data (1).csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.stored(dir + "/s.db").contains("BITCOIN.PRICE,2025-11-21,84641.5"))
    }

    @Test func newYorkFedAllRatesKeepsTheSOFRAveragesAndIndex() throws {
        // The all-rates download as the New York Fed documents its columns: SOFRAI rows have
        // no rate, their values sit in the averages and index columns.
        let header = "Effective Date,Rate Type,Rate (%),1st Percentile (%),25th Percentile (%),75th Percentile (%),99th Percentile (%),"
            + "Volume ($Billions),Target Rate From (%),Target Rate To (%),30-Day Average SOFR,90-Day Average SOFR,180-Day Average SOFR,"
            + "SOFR Index,Revision Indicator (Y/N),Footnote ID,Extra Column\n"
        let text = header
            + "11/03/2025,SOFR,4.13,4.05,4.10,4.20,4.35,2653,,,,,,,N,,\n"
            + "11/03/2025,SOFRAI,,,,,,,,,4.21473,4.26012,4.31077,1.18963412,N,,\n"
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(text, name: "allrates.csv", in: dir)
        let db = dir + "/s.db"
        let r = try CLI.run(["ingest", file, "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("columns not read: \"Extra Column\""), "\(r.stderr)")
        let stored = try Self.stored(db)
        for row in ["SOFRAI.AVG30,2025-11-03,4.21473", "SOFRAI.AVG90,2025-11-03,4.26012", "SOFRAI.AVG180,2025-11-03,4.31077",
                    "SOFRAI.INDEX,2025-11-03,1.18963412", "SOFR,2025-11-03,4.13", "SOFR.VOLUME,2025-11-03,2653.0"] {
            #expect(stored.contains(row), "\(row) in \(stored)")
        }
    }

    @Test func missingMarkersAsPublishersWriteThem() throws {
        // Eurostat ":", the World Bank "..", national offices "n.a.", Bloomberg "#N/A N/A":
        // missing, never an error, never a value.
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,A,B,C,D\n2025-01-01,:,..,n.a.,#N/A N/A\n2025-02-01,1,2,3,4\n", name: "m.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("4 series, 2 rows: 4 inserted, 0 revised, 0 unchanged, 4 missing"), "\(r.stdout)")
        #expect(try Self.stored(dir + "/s.db") == ["A,2025-02-01,1.0", "B,2025-02-01,2.0", "C,2025-02-01,3.0", "D,2025-02-01,4.0"])
    }

    @Test func dottedDatesAreDayFirst() throws {
        // 01.02.2025 is the 1st of February wherever dots are written (it was read as 2 January).
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,X\n01.02.2025,1\n03.02.2025,2\n", name: "de.csv", in: dir)
        let dry = try CLI.run(["ingest", file, "--db", dir + "/s.db", "--dry-run"])
        #expect(dry.stdout.contains("date: column 1 \"date\", dotted dates D.M.Y"), "\(dry.stdout)")
        #expect(try CLI.run(["ingest", file, "--db", dir + "/s.db"]).status == 0)
        #expect(try Self.stored(dir + "/s.db") == ["X,2025-02-01,1.0", "X,2025-02-03,2.0"])
    }

    @Test(arguments: ["Fecha,X\n30/10/2025,1\n31/10/2025,2\n", "Stichtag;X\n30.10.2025;1\n31.10.2025;2\n", "When,X\n30/10/2025,1\n31/10/2025,2\n"])
    func dateColumnsHeadedInOtherLanguagesOrDayFirst(text: String) throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(text, name: "d.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.stored(dir + "/s.db") == ["X,2025-10-30,1.0", "X,2025-10-31,2.0"])
    }

    @Test func aShortRecordUnderAYearRowIsNoCrash() throws {
        // Found by the ingest fuzz target: the record above the data was shorter than the
        // date column's index when looking for a year's row above the first quarter.
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("d;ticker_namee\nGDP,2022,105.8\nGDP,2022-Q1,27.1\nGDP,;px\n2025-11-03;NVDA;206.88\n", name: "f.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("names a series \"105.8\", a number: that line is data, not a header"), "\(r.stderr)")
    }

    @Test func aWorkbookWithACutDeflateStreamIsAnErrorNotAHang() throws {
        // Found by Scripts/fuzz.sh: 2.4 KB whose last sheet's stream never ends; it hung the
        // ingest forever. Now: exit 65 at once.
        let dir = try temporaryDirectory()
        let r = try CLI.run(["ingest", CLI.fixtures + "/workbooks/fuzz_cut_deflate.xlsx", "--db", dir + "/s.db"], limit: 30)
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("sheet2.xml cannot be unpacked (its deflate stream is damaged or cut short)"), "\(r.stderr)")
    }
}

/// Header bands: several rows head the columns (Fixtures/tables, written by pandas, openpyxl
/// and Python's csv module: Scripts/make-table-fixtures.py).
@Suite struct HeaderBandTests {
    static func fixture(_ name: String) -> String { CLI.fixtures + "/tables/" + name }

    /// `series,what,value` lines the store holds for the series of `.meta`: unit, name, tag:X.
    static func storedMeta(_ db: String) throws -> [[String]] {
        let sql = """
            SELECT key, 'unit', unit FROM series WHERE unit IS NOT NULL
            UNION ALL SELECT key, 'name', name FROM series WHERE name IS NOT NULL
            UNION ALL SELECT s.key, 'tag:' || t.name, t.value FROM series_tag t JOIN series s ON s.id = t.series_id
            """
        let r = try CLI.run(["sql", sql, "--db", db, "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(separator: "\n").dropFirst().map { TableReadingTests.fields(String($0)) }
    }

    @Test(arguments: [
        "band_fredmd.csv", "band_bloomberg.csv", "band_bloomberg.xlsx", "band_pinksheet.xlsx", "band_ons.csv", "transposed_worldbank.csv",
        "transposed_pandas.csv", "multikey_portal.csv", "multivalue_dts.csv", "sdmx_oecd_labels.csv", "quotes_de.csv", "statcan_cpi.csv",
        "weo_footer.tsv", "abs_cpi.xlsx", "insee_band.csv", "bbk_band.csv", "long_mixed_frequencies.csv", "libreoffice_pinksheet.xlsx", "destatis_band.csv", "shiller_decimal_months.csv",
        "VIX_History.csv", "webstat_export.csv", "cu.data.1.AllItems", "gsheets.xlsx", "snb_cube.csv", "ecb_sdw_download.csv", "insee_quarters.csv",
        "months_de.csv", "GDPC1.csv", "ecb_portal.csv", "rba_f1.csv", "UNdata_Export.csv", "btc-usd-max.csv", "MRTSSM44X72USS.csv", "bdh_pairs.csv", "bdh_pairs.xlsx", "valet_fx.csv", "ff_factors.csv", "ff_portfolios.csv", "panel_long.csv", "boj_call.csv", "imf_ifs.csv", "band_fredqd.csv", "Bitcoin_1_1_2024-1_6_2024_historical_data_coinmarketcap.csv", "bls_series_report.csv", "bls_series_report.xlsx",
    ])
    func readsWithNoFlags(file: String) throws {
        let dir = try temporaryDirectory()
        let db = dir + "/s.db"
        let r = try CLI.run(["ingest", Self.fixture(file), "--db", db])
        #expect(r.status == 0, "\(r.stderr)")
        let stem = String(file[..<file.lastIndex(of: ".")!])
        #expect(try TableReadingTests.stored(db) == TableReadingTests.rows(try String(contentsOfFile: Self.fixture(stem + ".expected"), encoding: .utf8)))
        if let meta = try? String(contentsOfFile: Self.fixture(stem + ".meta"), encoding: .utf8) {
            let stored = try Self.storedMeta(db)
            for line in meta.split(separator: "\n").dropFirst() {
                // The csv module quotes a value holding a comma; the shell's csv does too.
                #expect(stored.contains(TableReadingTests.fields(String(line))), "\(line) not in \(stored)")
            }
        }
    }

    /// Blocks with dates of their own: a value whose block gives no date on its row is
    /// refused with its place, never filed under another block's date.
    @Test func aBlockValueWithoutItsDateIsRefused() throws {
        let dir = try temporaryDirectory()
        let csv = try writeTemporaryFile(
            "SPX Index,,NDX Index,\nDate,PX_LAST,Date,PX_LAST\n2025-11-17,6672.41,2025-11-17,24655.12\n2025-11-18,6617.32,,24503.57\n", name: "bdh.csv", in: dir)
        let r = try CLI.run(["ingest", csv, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("bdh.csv:4") && r.stderr.contains("the date of the value in column 4"), "\(r.stderr)")
        if FileManager.default.fileExists(atPath: dir + "/s.db") {
            #expect(try CLI.run(["series", "--db", dir + "/s.db", "--format", "csv"]).stdout == "key,name,unit,frequency,source,first,last,count\n")
        }
    }

    @Test func theDryRunSaysWhatEachRowOfTheBandBecame() throws {
        let dir = try temporaryDirectory()
        let r = try CLI.run(["ingest", Self.fixture("band_ons.csv"), "--db", dir + "/s.db", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        for line in [
            "header band: lines 1–8, data from line 9", "keys: line 2 \"CDID\"", "line 1 \"Title\": series names", "line 5 \"Unit\": unit",
            "line 3 \"Source dataset ID\": tag dataset", "frequencies: years → KEY.A, quarters → KEY.Q, months → KEY.M",
        ] {
            #expect(r.stdout.contains(line), "\(line) not in \(r.stdout)")
        }
    }

    @Test func aUnitsRowUnderTheNamesIsNotAHeader() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,WTI,Brent\n,$/bbl,$/bbl\n2024-01-02,70.38,75.89\n2024-01-03,72.70,78.25\n", name: "oil.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        let units = try CLI.run(["sql", "SELECT key, unit FROM series ORDER BY key", "--db", dir + "/s.db", "--format", "csv"])
        #expect(units.stdout == "key,unit\nBrent,$/bbl\nWTI,$/bbl\n", "\(units.stdout)")
    }

    @Test func rowsThatNameNoColumnOnceStopTheIngest() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(",A,A\n,X,X\n2024-01-02,1,2\n2024-01-03,3,4\n", name: "twice.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("the rows above the data do not name each column once"), "\(r.stderr)")
        #expect(r.stderr.contains("with --skip N"), "\(r.stderr)")
    }

    @Test func aReleaseDateAboveTheDataIsNotWhereTheDataBegins() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(
            "\"Title\",\"T\"\n\"CDID\",\"K\"\n\"Release date\",\"30-09-2025\"\n\"Next release\",\"12 November 2025\"\n\"2024 Q1\",\"1\"\n\"2024 Q2\",\"2\"\n",
            name: "ons.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try TableReadingTests.stored(dir + "/s.db") == ["K,2024-01-01,1.0", "K,2024-04-01,2.0"])
    }
}

/// Periods across the header, a series in each row.
@Suite struct TransposedTableTests {
    @Test func eurostatsTSVTwoReleasesAreRevisionsNotNewSeries() throws {
        let dir = try temporaryDirectory()
        let db = dir + "/s.db"
        let first = try CLI.run(["ingest", HeaderBandTests.fixture("transposed_estat_r1.tsv"), "--db", db, "--vintage", "2025-10-17"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("transposed, 4 series"), "\(first.stdout)")
        #expect(first.stderr.contains("values carry status flags (2.1 p, : c): the values are stored, the flags are not"), "\(first.stderr)")
        let second = try CLI.run(["ingest", HeaderBandTests.fixture("transposed_estat_r2.tsv"), "--db", db, "--vintage", "2025-11-17"])
        #expect(second.status == 0, "\(second.stderr)")
        // Four new Octobers and EA's September revised; the same four series.
        #expect(second.stdout.contains("4 inserted, 1 revised"), "\(second.stdout)")
        let count = try CLI.run(["sql", "SELECT count(*) FROM series", "--db", db, "--format", "csv"])
        #expect(count.stdout == "count(*)\n4\n", "\(count.stdout)")
        let expected = try String(contentsOfFile: HeaderBandTests.fixture("transposed_estat_r2.expected"), encoding: .utf8)
        #expect(try TableReadingTests.stored(db) == TableReadingTests.rows(expected))
        let meta = try HeaderBandTests.storedMeta(db)
        for line in try String(contentsOfFile: HeaderBandTests.fixture("transposed_estat_r2.meta"), encoding: .utf8).split(separator: "\n").dropFirst() {
            #expect(meta.contains(TableReadingTests.fields(String(line))), "\(line)")
        }
    }

    @Test func theDryRunSaysWhereTheDatesAndKeysAre() throws {
        let dir = try temporaryDirectory()
        let r = try CLI.run(["ingest", HeaderBandTests.fixture("transposed_worldbank.csv"), "--db", dir + "/s.db", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        for line in [
            "layout: transposed", "dates: across the header, columns 5–14 (1960 … 1969), years", "keys: \"Country Code\" . \"Indicator Code\"",
            "names: \"Country Name\", \"Indicator Name\"",
        ] {
            #expect(r.stdout.contains(line), "\(line) not in \(r.stdout)")
        }
    }

    @Test func aWideTableWhoseHeadersAreYearsIsNotTransposed() throws {
        // Rows that hold dates are a wide table (tickers such as 1301 look like years).
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,1301,1332,1333\n2024-01-04,1,2,3\n2024-01-05,4,5,6\n", name: "tokyo.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wide, 3 series"), "\(r.stdout)")
    }

    @Test func aRowWithTheWrongNumberOfCodesIsAnError() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("freq,geo\\TIME_PERIOD\t2024-01 \t2024-02 \nM,DE\t1 \t2 \nM\t3 \t4 \n", name: "bad.tsv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("expected 2 codes separated by commas (freq,geo)"), "\(r.stderr)")
        #expect(try CLI.run(["sql", "SELECT count(*) FROM observation", "--db", dir + "/s.db", "--format", "csv"]).stdout == "count(*)\n0\n")
    }
}

/// Long tables keyed by several code columns, with one or several measures a row.
@Suite struct MultiKeyTests {
    @Test func theDryRunNamesTheKeysTheMeasuresAndWhatIsNotRead() throws {
        let dir = try temporaryDirectory()
        let r = try CLI.run(["ingest", HeaderBandTests.fixture("multivalue_dts.csv"), "--db", dir + "/s.db", "--dry-run"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("keys: account_type"), "\(r.stdout)")
        #expect(r.stdout.contains("\"open_month_bal\" → KEY.OPEN_MONTH_BAL"), "\(r.stdout)")
        #expect(r.stderr.contains("columns not read: \"table_nbr\", \"src_line_nbr\", \"record_fiscal_year\""), "\(r.stderr)")
    }

    @Test func severalKeyColumnsByFlag() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("when,COUNTRY,INDICATOR,VALUE\n2024-01-31,DE,CPI,2.9\n2024-02-29,DE,CPI,3.1\n", name: "k.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db", "--key-column", "COUNTRY,INDICATOR"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try TableReadingTests.stored(dir + "/s.db") == ["DE.CPI,2024-01-31,2.9", "DE.CPI,2024-02-29,3.1"])
    }

    @Test func twoValuesForOneDateSayWhatToDo() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,X\n2024-01-31,1\n2024-01-31,2\n", name: "twice.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.contains("name the columns that tell them apart with --key-column A,B"), "\(r.stderr)")
    }
}

@Suite struct ExcelSerialTests {
    @Test func dayNumbersInADateColumnAreExcelSerials() throws {
        // 45292 is 2024-01-01 in Excel's 1900 date system (by hand: 45292 days after 1899-12-30).
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("Date,X\n45292,1.5\n45293,2.5\n", name: "serials.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("read as Excel serial dates"), "\(r.stderr)")
        #expect(try TableReadingTests.stored(dir + "/s.db") == ["X,2024-01-01,1.5", "X,2024-01-02,2.5"])
        // Years and YYYYMMDD are not day numbers.
        let years = try writeTemporaryFile("Date,X\n2024,1.5\n2025,2.5\n", name: "years.csv", in: dir)
        #expect(try CLI.run(["ingest", years, "--db", dir + "/y.db"]).status == 0)
        #expect(try TableReadingTests.stored(dir + "/y.db") == ["X,2024-01-01,1.5", "X,2025-01-01,2.5"])
    }
}

/// Lines after the data, and numbers quoted in comma-delimited files.
@Suite struct FooterAndQuotedNumberTests {
    @Test func oneCellOfTextAfterTheDataIsAFooterWithANote() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,X,Y\n2024-01-01,1,2\n2024-02-01,3,4\n\n\"Source: a statistics office, 2024\"\nNotes: preliminary\n", name: "f.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("lines 5–6 after the data read as a footer, not data: \"Source: a statistics office, 2024\""), "\(r.stderr)")
        #expect(try TableReadingTests.stored(dir + "/s.db") == ["X,2024-01-01,1.0", "X,2024-02-01,3.0", "Y,2024-01-01,2.0", "Y,2024-02-01,4.0"])
    }

    @Test func aQuoteSitesDownloadInSpanishIsKeyedByItsFileName() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(
            "\"Fecha\",\"Último\",\"Apertura\",\"Máximo\",\"Mínimo\",\"Vol.\",\"% var.\"\n\"05.01.2024\",\"10.100,30\",\"10.050,00\",\"10.150,10\",\"10.020,00\",\"150,20M\",\"0,45%\"\n"
                + "\"04.01.2024\",\"10.055,10\",\"10.080,00\",\"10.090,10\",\"10.000,00\",\"140,00M\",\"-0,25%\"\n",
            name: "Ibex 35 datos históricos.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("\"Último\" → Price"), "\(r.stderr)")
        let stored = try TableReadingTests.stored(dir + "/s.db")
        #expect(stored.contains("IBEX_35.PRICE,2024-01-05,10100.3"), "\(stored)")
        #expect(stored.contains("IBEX_35.VOL,2024-01-04,140000000.0"), "\(stored)")
        #expect(stored.contains("IBEX_35.CHANGE,2024-01-04,-0.25"), "\(stored)")
        #expect(stored.count == 12)
    }

    @Test func twoColumnsOfDatesStopWithTheFlagForEachReading() throws {
        // An observation date and a release date, neither named as dates: either could be
        // the axis, and a guess would shift every value by a release lag.
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("obs,published,X\n2024-01-01,2024-02-15,1\n2024-02-01,2024-03-15,2\n", name: "two.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("two columns could be the dates (\"obs\" and \"published\" both hold dates"), "\(r.stderr)")
        #expect(r.stderr.contains("choose with --date-column obs or --date-column published"), "\(r.stderr)")
        for (flag, first) in [("obs", "X,2024-01-01,1.0"), ("published", "X,2024-02-15,1.0")] {
            let chosen = try CLI.run(["ingest", file, "--db", dir + "/\(flag).db", "--date-column", flag])
            #expect(chosen.status == 0, "\(chosen.stderr)")
            #expect(try TableReadingTests.stored(dir + "/\(flag).db").first == first)
        }
    }

    @Test func aDataRowCutShortAtTheEndIsAnErrorNotAFooter() throws {
        // Narrower than the header and last, but holding a date: a row cut short, not a note.
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,X,Y\n2024-01-01,1,2\n2024-02-01,3\n", name: "f.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("f.csv:3: 2 fields but the header has 3"), "\(r.stderr)")
    }

    @Test func aLineOfTextWithDataAfterItIsStillAnError() throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile("date,X,Y\n2024-01-01,1,2\nrevised below\n2024-02-01,3,4\n", name: "f.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("f.csv:3: 1 field but the header has 3"), "\(r.stderr)")
        let skip = try CLI.run(["ingest", file, "--db", dir + "/s.db", "--skip-bad"])
        #expect(skip.status == 0, "\(skip.stderr)")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(rejects.contains("revised below"), "\(rejects)")
        #expect(try TableReadingTests.stored(dir + "/s.db").count == 4)
    }

    @Test(arguments: [
        // Quoted in a comma file, `1,234` groups thousands; `16.600,12` and `3,5` are decimal commas.
        ("date,X\n2024-01-01,\"1,234\"\n2024-01-02,\"2,345\"\n", ["X,2024-01-01,1234.0", "X,2024-01-02,2345.0"]),
        ("date,X\n2024-01-01,\"1,234.5\"\n2024-01-02,\"3.25\"\n", ["X,2024-01-01,1234.5", "X,2024-01-02,3.25"]),
        ("date,X\n2024-01-01,\"16.600,12\"\n2024-01-02,\"3,5\"\n", ["X,2024-01-01,16600.12", "X,2024-01-02,3.5"]),
    ])
    func quotedNumbersInACommaFile(text: String, rows: [String]) throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(text, name: "q.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try TableReadingTests.stored(dir + "/s.db") == rows)
    }
}

/// `2023.1`: October when the column writes months as decimals, January when as numbers.
@Suite struct DecimalMonthTests {
    @Test(arguments: [
        ("Date,X\n2023.01,1\n2023.1,2\n2023.12,3\n", ["X,2023-01-01,1.0", "X,2023-10-01,2.0", "X,2023-12-01,3.0"]),
        ("Date,X\n2023.1,1\n2023.2,2\n2023.10,3\n", ["X,2023-01-01,1.0", "X,2023-02-01,2.0", "X,2023-10-01,3.0"]),
    ])
    func theWholeColumnDecides(text: String, rows: [String]) throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(text, name: "d.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try TableReadingTests.stored(dir + "/s.db") == rows)
    }

    @Test(arguments: [
        ("Date,X\n2023.1,1\n2023.11,2\n", "such as 2023.1 could be January (month numbers) or October (decimals)"),
        ("Date,X\n2023.01,1\n2023.2,2\n", "write months as decimals on line 2 (2023.01) but as month numbers on line 3"),
    ])
    func aColumnThatProvesNeitherOrBothStops(text: String, message: String) throws {
        let dir = try temporaryDirectory()
        let file = try writeTemporaryFile(text, name: "d.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func aQuoteFileWhoseNameNamesNoInstrumentNeedsAPrefix() throws {
        // Nasdaq names every download HistoricalData_<time>.csv: OPEN from two of them
        // would be one series.
        let dir = try temporaryDirectory()
        let text = "Date,Close/Last,Volume,Open,High,Low\n01/05/2024,$181.18,62379660,$181.99,$182.76,$180.17\n01/04/2024,$181.91,71983570,$182.15,$183.0872,$180.88\n"
        let file = try writeTemporaryFile(text, name: "HistoricalData_1704500000.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("whose name does not say which series it holds; name it with --prefix"), "\(r.stderr)")
        let named = try CLI.run(["ingest", file, "--db", dir + "/s.db", "--prefix", "AAPL."])
        #expect(named.status == 0, "\(named.stderr)")
        let stored = try TableReadingTests.stored(dir + "/s.db")
        #expect(stored.contains("AAPL.CLOSE,2024-01-05,181.18") && stored.contains("AAPL.HIGH,2024-01-04,183.0872"), "\(stored)")
        #expect(stored.count == 10)
    }

    @Test func aColumnEmptyInTheFirstRecordsMustStayEmpty() throws {
        let dir = try temporaryDirectory()
        var text = "Date;D0;D1;Value\n"
        for m in 1...12 { text += "2023-\(String(format: "%02d", m));GFG;;\(m)\n" }
        for _ in 0..<200 { text += "2024-01;GFG;;1\n" }
        text += "2024-02;GFG;X;5\n"
        let file = try writeTemporaryFile(text, name: "cube.csv", in: dir)
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("cube.csv:214:3: bad value \"X\" in column \"D1\""), "\(r.stderr)")
    }

    @Test func lineNumbersKeyNothingWithoutATablePrefix() throws {
        // Line 1 of NIPA table 1.1.1 is not line 1 of table 2.3.5: keys "1", "2" would mix them.
        let dir = try temporaryDirectory()
        let file = HeaderBandTests.fixture("nipa_t10101.csv")
        let r = try CLI.run(["ingest", file, "--db", dir + "/s.db"])
        #expect(r.status == 65, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("told apart only by line numbers (\"Line\")") && r.stderr.contains("--prefix"), "\(r.stderr)")
        let prefixed = try CLI.run(["ingest", file, "--db", dir + "/s.db", "--prefix", "T10101."])
        #expect(prefixed.status == 0, "\(prefixed.stderr)")
        #expect(try TableReadingTests.stored(dir + "/s.db") == TableReadingTests.rows(try String(contentsOfFile: HeaderBandTests.fixture("nipa_t10101.expected"), encoding: .utf8)))
        #expect(try HeaderBandTests.storedMeta(dir + "/s.db").contains(["T10101.1", "name", "Gross domestic product"]))
    }

    @Test func fredsRealTimeRowsAreVersions() throws {
        // As of 2024-05-01 only the first print of 2024Q1 was known; ALFRED's own answer.
        let dir = try temporaryDirectory()
        let r = try CLI.run(["ingest", HeaderBandTests.fixture("GDPC1.csv"), "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        let asOf = try CLI.run(["show", "GDPC1", "--as-of", "2024-05-01", "--db", dir + "/s.db"])
        #expect(asOf.stdout == "date,GDPC1\n2024-01-01,22758.752\n", "\(asOf.stdout)\(asOf.stderr)")
        let revisions = try CLI.run(["revisions", "GDPC1", "--db", dir + "/s.db"])
        #expect(revisions.stdout.contains("2024-01-01,22758.752,22768.866"), "\(revisions.stdout)")
    }

    @Test func aQuoteFileHeadedDATEIsNotFREDs() throws {
        let dir = try temporaryDirectory()
        let r = try CLI.run(["ingest", HeaderBandTests.fixture("VIX_History.csv"), "--db", dir + "/s.db"])
        #expect(r.status == 0, "\(r.stderr)")
        let sources = try CLI.run(["sql", "SELECT DISTINCT coalesce(source, 'none') FROM series", "--db", dir + "/s.db", "--format", "csv"])
        #expect(sources.stdout.split(separator: "\n").dropFirst() == ["none"], "\(sources.stdout)")
    }
}
