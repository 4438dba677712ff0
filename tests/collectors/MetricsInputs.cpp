// Inputs for TestMetrics::badInput, made from fixed recipes (outside
// tst_metrics.cpp because Qt 6.4's moc cannot parse raw string literals). Each recipe's
// expected numbers are written next to its row in tst_metrics.cpp and follow
// from the recipe, not from the program's output.
#include <QByteArray>
#include <QString>
#include <random>

namespace {

QByteArray randomBytes(int size, unsigned seed)
{
    std::mt19937 generator(seed);
    QByteArray bytes(size, '\0');
    for (auto &b : bytes)
        b = char(generator() & 0xff);
    return bytes;
}

// "2026-11-20T10:MM:SSZ" for second n of the hour.
QByteArray stamp(int n)
{
    return QByteArray("2026-11-20T10:") + QByteArray::number(n / 60).rightJustified(2, '0') + ':' +
           QByteArray::number(n % 60).rightJustified(2, '0') + 'Z';
}

QByteArray csvRows(int count)
{
    QByteArray out = "time,value\n";
    for (int i = 0; i < count; ++i)
        out += "2026-11-20T10:00:00Z," + QByteArray::number(i) + '\n';
    return out;
}

} // namespace

// The generic CSV of `rows` rows "time,requests_total" (for compression).
QByteArray metricsCsvRows(int rows)
{
    QByteArray out = "time,requests_total\n";
    for (int i = 0; i < rows; ++i)
        out += stamp(i % 3600) + ',' + QByteArray::number(i * 7) + '\n';
    return out;
}

// A Grafana wide export of `rows` rows (for compression).
QByteArray metricsGrafanaRows(int rows)
{
    QByteArray out = "\"Time\",\"{pod=\"\"api-1\"\"}\",\"{pod=\"\"api-2\"\"}\"\r\n";
    for (int i = 0; i < rows; ++i)
        out += QByteArray::number(1795168800000LL + i * 1000LL) + ',' + QByteArray::number(i) +
               ',' + QByteArray::number(i * 2) + "\r\n";
    return out;
}

QByteArray metricsBadInput(const QString &recipe)
{
    if (recipe == QLatin1String("random")) return randomBytes(64 * 1024, 7);
    if (recipe == QLatin1String("empty")) return {};
    // 3 good rows, then a quoted field that is never closed (the file was
    // cut while a note was being written): its record runs to the end.
    if (recipe == QLatin1String("csv-open-quote"))
        return "time,value,note\n"
               "2026-11-20T10:00:00Z,1,a\n"
               "2026-11-20T10:00:01Z,2,b\n"
               "2026-11-20T10:00:02Z,3,c\n"
               "2026-11-20T10:00:03Z,4,\"never closed\n"
               "2026-11-20T10:00:04Z,5,d\n";
    // 5 rows; the third is 2 MiB long (over the 1 MiB record limit).
    if (recipe == QLatin1String("csv-huge-line")) {
        QByteArray out = csvRows(2);
        out += "2026-11-20T10:00:00Z,7," + QByteArray(2 << 20, 'x') + '\n';
        out += csvRows(3).mid(int(sizeof("time,value\n") - 1));
        return out;
    }
    // Header with an invalid byte in a name; a value cell with one too.
    if (recipe == QLatin1String("csv-invalid-utf8"))
        return "time,temp\xff_c,cpu\n"
               "2026-11-20T10:00:00Z,21.5,0.5\n"
               "2026-11-20T10:00:01Z,21.7,\xfe\n"
               "2026-11-20T10:00:02Z,21.9,0.7\n";
    // A NUL inside the second row: rejected as binary.
    if (recipe == QLatin1String("csv-nul")) {
        QByteArray out = "time,value\n2026-11-20T10:00:00Z,1\n2026-11-20T10:00:01Z,";
        out += '\0';
        out += "2\n2026-11-20T10:00:02Z,3\n";
        return out;
    }
    // 7 rows; the third (line 4) has one field more than the header.
    if (recipe == QLatin1String("csv-extra-field"))
        return "time,value\n2026-11-20T10:00:00Z,1\n2026-11-20T10:00:01Z,2\n"
               "2026-11-20T10:00:02Z,3,3\n2026-11-20T10:00:03Z,4\n2026-11-20T10:00:04Z,5\n"
               "2026-11-20T10:00:05Z,6\n2026-11-20T10:00:06Z,7\n";
    if (recipe == QLatin1String("grafana-header-only")) return "\"Time\",\"api-1\"\r\n";
    // 3 rows; the second has a time Grafana never writes.
    if (recipe == QLatin1String("grafana-bad-time"))
        return "\"Time\",\"api-1\"\r\n1795168800000,1\r\nyesterday,2\r\n1795168802000,3\r\n";
    // "Formatted data" on: values carry their unit; only the plain one is a number.
    if (recipe == QLatin1String("grafana-formatted"))
        return "\"Time\",\"cpu\"\r\n\"2026-11-20 10:00:00\",12.5 %\r\n"
               "\"2026-11-20 10:00:15\",\"13.0 %\"\r\n\"2026-11-20 10:00:30\",14\r\n";
    // 10^6 '[': nested far deeper than the 256 levels allowed.
    if (recipe == QLatin1String("prom-deep")) return QByteArray(1'000'000, '[');
    // One complete series, then the deep nesting.
    if (recipe == QLatin1String("prom-deep-after"))
        return R"([{"metric":{"__name__":"up"},"values":[[1757332688.804,"1"]]},)" +
               QByteArray(1'000'000, '[');
    if (recipe == QLatin1String("prom-error"))
        return R"({"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected character"})";
    // A time of 5000 digits and a value claiming 10^999999999: both points
    // rejected; the third point is fine.
    if (recipe == QLatin1String("prom-giant-claims"))
        return R"([{"metric":{"__name__":"up"},"values":[[1)" + QByteArray(5000, '9') +
               R"(,"1"],[1757332689,"1e999999999"],[1757332690,"1"]]}])";
    // The first series' label holds an invalid byte (simdjson refuses the
    // element); the second series is fine.
    if (recipe == QLatin1String("prom-invalid-utf8"))
        return "[{\"metric\":{\"__name__\":\"up\",\"pod\":\"a\xff\"},\"values\":[[1,\"1\"]]},\n"
               "{\"metric\":{\"__name__\":\"up\",\"pod\":\"b\"},\"values\":[[2,\"1\"]]}]";
    // NaN, +Inf, -Inf are not stored (ignored); the 1 is.
    if (recipe == QLatin1String("prom-nan"))
        return R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"x"},"values":[[1,"NaN"],[2,"+Inf"],[3,"-Inf"],[4,"1"]]}]}})";
    if (recipe == QLatin1String("prom-vector"))
        return R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"a"},"value":[1757332688.804,"1"]},{"metric":{"job":"b"},"value":[1757332688.804,"0"]}]}})";
    if (recipe == QLatin1String("prom-other-json"))
        return R"({"log":{"version":"1.2","entries":[]}})";
    // kubectl top pods with a 2 MiB line among 3 rows.
    if (recipe == QLatin1String("top-huge-line"))
        return "NAME    CPU(cores)   MEMORY(bytes)\n"
               "api-1   10m          100Mi\n" +
               QByteArray(2 << 20, 'x') +
               "\n"
               "api-2   20m          200Mi\n";
    if (recipe == QLatin1String("top-invalid-utf8"))
        return "NAME        CPU(cores)   MEMORY(bytes)\n"
               "api-\xff\x31   10m          100Mi\n"
               "api-2       20m          200Mi\n";
    if (recipe == QLatin1String("top-bad-quantity"))
        return "NAME    CPU(cores)   MEMORY(bytes)\n"
               "api-1   10m          100Mi\n"
               "api-2   12x          200Mi\n"
               "api-3   30m          300Mi\n";
    // kubectl top pods --sum: a rule and a totals row close the table.
    if (recipe == QLatin1String("top-sum"))
        return "NAME    CPU(cores)   MEMORY(bytes)\n"
               "api-1   10m          100Mi\n"
               "api-2   20m          200Mi\n"
               "        ________     ________\n"
               "        30m          300Mi\n";
    return {};
}
