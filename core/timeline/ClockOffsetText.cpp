#include "ClockOffsetText.h"

#include <QRegularExpression>
#include <limits>

namespace perfcase::ClockOffsetText {

namespace {

std::optional<qint64> unitNs(const QString &unit)
{
    if (unit.isEmpty() || unit == QLatin1String("s") || unit == QLatin1String("sec"))
        return 1'000'000'000;
    if (unit == QLatin1String("ms")) return 1'000'000;
    if (unit == QLatin1String("us") || unit == QStringLiteral("\u00b5s")) return 1'000;
    if (unit == QLatin1String("ns")) return 1;
    if (unit == QLatin1String("min") || unit == QLatin1String("m")) return 60'000'000'000;
    if (unit == QLatin1String("h")) return 3'600'000'000'000;
    return std::nullopt;
}

} // namespace

std::optional<qint64> parse(const QString &text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*([+-]?)\\s*(\\d*)(?:\\.(\\d*))?\\s*([a-z\u00b5]*)\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) return std::nullopt;
    const QString whole = match.captured(2), fraction = match.captured(3);
    if (whole.isEmpty() && fraction.isEmpty()) return std::nullopt;
    const auto unit = unitNs(match.captured(4).toLower());
    if (!unit || whole.size() > 12 || fraction.size() > 12) return std::nullopt;
    // whole * unit + fraction * unit / 10^digits, in integers.
    qint64 ns = whole.isEmpty() ? 0 : whole.toLongLong() * *unit;
    qint64 scale = 1;
    for (qsizetype i = 0; i < fraction.size(); ++i)
        scale *= 10;
    if (!fraction.isEmpty()) {
        const qint64 digits = fraction.toLongLong();
        // Round to the nearest ns; unit / scale may not be whole.
        const __int128 part = (__int128(digits) * *unit * 2 + scale) / (2 * scale);
        ns += qint64(part);
    }
    if (ns < 0) return std::nullopt; // overflow
    return match.captured(1) == QLatin1String("-") ? -ns : ns;
}

QString format(qint64 ns)
{
    if (ns == 0) return QStringLiteral("0 s");
    const QLatin1Char sign(ns < 0 ? '-' : '+');
    const quint64 magnitude = ns < 0 ? quint64(-(ns + 1)) + 1 : quint64(ns);
    QString fraction = QStringLiteral("%1").arg(magnitude % 1'000'000'000, 9, 10, QLatin1Char('0'));
    while (fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    QString text = sign + QString::number(magnitude / 1'000'000'000);
    if (!fraction.isEmpty()) text += QLatin1Char('.') + fraction;
    return text + QStringLiteral(" s");
}

} // namespace perfcase::ClockOffsetText
