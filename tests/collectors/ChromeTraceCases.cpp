// Inputs for TestChromeTrace built from recipes (a separate file because Qt
// 6.4's moc cannot parse raw string literals). The expected values in the
// test follow from each recipe, not from the program's output.
#include <QByteArray>
#include <QString>
#include <random>

// A small valid trace in the bare array form: a renderer main thread named
// by M events, one 10 ms task with a forced layout, one user timing mark.
QByteArray smallTraceEvents()
{
    return QByteArray(
        R"({"args":{"name":"Renderer"},"cat":"__metadata","name":"process_name","ph":"M","pid":7,"tid":0,"ts":0},
{"args":{"name":"CrRendererMain"},"cat":"__metadata","name":"thread_name","ph":"M","pid":7,"tid":1,"ts":0},
{"args":{"data":{"page":"0x1","sessionId":"7.1"}},"cat":"disabled-by-default-devtools.timeline","name":"TracingStartedInPage","ph":"I","pid":7,"tid":1,"ts":1000000,"s":"t"},
{"args":{},"cat":"disabled-by-default-devtools.timeline","name":"RunTask","ph":"X","pid":7,"tid":1,"ts":1000100,"dur":10000},
{"args":{},"cat":"devtools.timeline","name":"FunctionCall","ph":"X","pid":7,"tid":1,"ts":1000200,"dur":5000},
{"args":{},"cat":"devtools.timeline","name":"Layout","ph":"X","pid":7,"tid":1,"ts":1000300,"dur":1000},
{"args":{"frame":"0x1"},"cat":"blink.user_timing","name":"ready","ph":"R","pid":7,"tid":1,"ts":1020000})");
}

QByteArray smallTraceObject()
{
    return "{\"traceEvents\":[\n" + smallTraceEvents() + "\n]}\n";
}

// An event whose name holds a 20 MiB string: over the importer's 16 MiB
// limit for one event.
QByteArray hugeEvent()
{
    return R"({"args":{},"cat":"x","name":")" + QByteArray(20 << 20, 'a') +
           R"(","ph":"X","pid":7,"tid":1,"ts":1000000,"dur":1})";
}

// Malformed events between valid ones: a ts that is text, an event without
// ph, a number where an event belongs.
QByteArray malformedEvents()
{
    return QByteArray(R"({"ph":"I","ts":"soon","name":"x","pid":7,"tid":1},
{"ts":5,"name":"no phase","pid":7,"tid":1},
42)");
}

// A user timing mark whose name has invalid UTF-8 (0xFF).
QByteArray invalidUtf8Event()
{
    return QByteArray(R"({"args":{},"cat":"blink.user_timing","name":"bad)") + '\xff' +
           QByteArray(R"(name","ph":"R","pid":7,"tid":1,"ts":1030000})");
}

// Events with values that claim gigabytes: nothing may be allocated by them.
QByteArray hugeClaims()
{
    return QByteArray(
        R"({"args":{"data":{"requestId":"7.1","url":"https://x.example/big","requestMethod":"GET"}},"cat":"devtools.timeline","name":"ResourceSendRequest","ph":"I","pid":7,"tid":1,"ts":1040000,"s":"t"},
{"args":{"data":{"requestId":"7.1","encodedDataLength":2147483648,"decodedBodyLength":18446744073709551615,"length":1e300}},"cat":"devtools.timeline","name":"ResourceFinish","ph":"I","pid":7,"tid":1,"ts":1050000,"s":"t"},
{"args":{"size":2147483648},"cat":"disabled-by-default-devtools.timeline","name":"RunTask","ph":"X","pid":7,"tid":1,"ts":1060000,"dur":1e300})");
}

// Random bytes behind a PNG signature: binary, not JSON.
QByteArray binaryGarbage()
{
    std::mt19937 generator(20261120);
    QByteArray bytes("\x89PNG\r\n\x1a\n", 8);
    for (int i = 0; i < 4096; ++i)
        bytes += char(generator() & 0xff);
    return bytes;
}

// Elements with strings full of escaped quotes, backslashes and brackets,
// of lengths that put them at every offset of a chunk.
QByteArray tricky(int i)
{
    return "{\"k" + QByteArray::number(i) + "\":\"" + QByteArray(i % 17, 'x') +
           R"(\"]}[{\\\"","n":[1,[2,{"a":"}"}]],"e":"\\"})";
}
