// Rows for TestJsonStreamer::splits (a separate file because Qt 6.4's moc
// cannot parse raw string literals).
#include <QStringList>
#include <QTest>

void addSplitRows()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QStringList>("elements");
    QTest::addColumn<QStringList>("members");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<QString>("error");

    QTest::newRow("trace, metadata after")
        << QByteArray(
               R"({"traceEvents": [{"ph":"X","name":"a{b}"}, {"ph":"M"}], "metadata": {"startTime":"2026-11-20T10:00:00Z"}})")
        << QStringList{QStringLiteral("traceEvents")}
        << QStringList{QStringLiteral(R"(traceEvents={"ph":"X","name":"a{b}"})"),
                       QStringLiteral(R"(traceEvents={"ph":"M"})")}
        << QStringList{QStringLiteral(R"(metadata={"startTime":"2026-11-20T10:00:00Z"})")} << false
        << QString();
    QTest::newRow("metadata before, scalars")
        << QByteArray(
               R"({"metadata":{"a":[1,2]},"displayTimeUnit":"ms","n":12.5e3,"ok":true,"traceEvents":[]})")
        << QStringList{QStringLiteral("traceEvents")} << QStringList{}
        << QStringList{QStringLiteral(R"(metadata={"a":[1,2]})"),
                       QStringLiteral(R"(displayTimeUnit="ms")"), QStringLiteral("n=12.5e3"),
                       QStringLiteral("ok=true")}
        << false << QString();
    QTest::newRow("bare array") << QByteArray("[ {\"a\":1},\n {\"b\":[2,{\"c\":3}]} , 7, \"s\" ]")
                                << QStringList{QString()}
                                << QStringList{QStringLiteral(R"(={"a":1})"),
                                               QStringLiteral(R"(={"b":[2,{"c":3}]})"),
                                               QStringLiteral("=7"), QStringLiteral(R"(="s")")}
                                << QStringList{} << false << QString();
    QTest::newRow("escaped quotes and backslashes")
        << QByteArray(R"([{"s":"a\"}]\\"}, {"t":"\\\\"}, {"u":"x\\\"y"}])")
        << QStringList{QString()}
        << QStringList{QStringLiteral(R"(={"s":"a\"}]\\"})"), QStringLiteral(R"(={"t":"\\\\"})"),
                       QStringLiteral(R"(={"u":"x\\\"y"})")}
        << QStringList{} << false << QString();
    QTest::newRow("nested path and siblings")
        << QByteArray(
               R"({"log":{"version":"1.2","creator":{"name":"x"},"entries":[{"i":1},{"i":2}],"pages":null}})")
        << QStringList{QStringLiteral("log.entries")}
        << QStringList{QStringLiteral(R"(log.entries={"i":1})"),
                       QStringLiteral(R"(log.entries={"i":2})")}
        << QStringList{QStringLiteral(R"(log.version="1.2")"),
                       QStringLiteral(R"(log.creator={"name":"x"})"),
                       QStringLiteral("log.pages=null")}
        << false << QString();
    QTest::newRow("prometheus shape")
        << QByteArray(
               R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2"]]}]}})")
        << QStringList{QStringLiteral("data.result")}
        << QStringList{QStringLiteral(R"(data.result={"metric":{},"values":[[1,"2"]]})")}
        << QStringList{QStringLiteral(R"(status="success")"),
                       QStringLiteral(R"(data.resultType="matrix")")}
        << false << QString();
    QTest::newRow("truncated inside an element")
        << QByteArray(R"({"traceEvents":[{"a":1},{"b":2},{"c":[3,)")
        << QStringList{QStringLiteral("traceEvents")}
        << QStringList{QStringLiteral(R"(traceEvents={"a":1})"),
                       QStringLiteral(R"(traceEvents={"b":2})")}
        << QStringList{} << true << QString();
    QTest::newRow("truncated after a comma")
        << QByteArray("[{\"a\":1},\n") << QStringList{QString()}
        << QStringList{QStringLiteral(R"(={"a":1})")} << QStringList{} << true << QString();
    QTest::newRow("trailing comma (DevTools once wrote it)")
        << QByteArray(R"({"traceEvents":[{"a":1},],"metadata":{}})")
        << QStringList{QStringLiteral("traceEvents")}
        << QStringList{QStringLiteral(R"(traceEvents={"a":1})")}
        << QStringList{QStringLiteral("metadata={}")} << false << QString();
    QTest::newRow("not json") << QByteArray("2026-11-20T10:00:00Z hello\n")
                              << QStringList{QString()} << QStringList{} << QStringList{} << false
                              << QStringLiteral("not JSON");
    QTest::newRow("unbalanced") << QByteArray(R"([{"a":1}}])") << QStringList{QString()}
                                << QStringList{QStringLiteral(R"(={"a":1})")} << QStringList{}
                                << false << QStringLiteral("unbalanced");
    QTest::newRow("deep nesting") << (QByteArray("[") + QByteArray(1'000'000, '['))
                                  << QStringList{QString()} << QStringList{} << QStringList{}
                                  << false << QStringLiteral("deeper than 256");
    QTest::newRow("empty") << QByteArray() << QStringList{QString()} << QStringList{}
                           << QStringList{} << false << QStringLiteral("empty input");
}
