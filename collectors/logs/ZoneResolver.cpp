#include "ZoneResolver.h"

#include "TimeUtil.h"

#include <QDateTime>

#include <array>
#include <stdexcept>

namespace perfcase {

namespace {
struct Abbreviation
{
    std::string_view name;
    int minutes;
};

// Abbreviations seen in real logs (PostgreSQL's %t writes them). Ambiguous
// ones (IST, CST in China) take the reading most common in server logs.
constexpr std::array kAbbreviations{
    Abbreviation{"UTC", 0},     Abbreviation{"GMT", 0},      Abbreviation{"UT", 0},
    Abbreviation{"Z", 0},       Abbreviation{"WET", 0},      Abbreviation{"WEST", 60},
    Abbreviation{"BST", 60},    Abbreviation{"CET", 60},     Abbreviation{"CEST", 120},
    Abbreviation{"MET", 60},    Abbreviation{"MEST", 120},   Abbreviation{"EET", 120},
    Abbreviation{"EEST", 180},  Abbreviation{"MSK", 180},    Abbreviation{"IST", 330},
    Abbreviation{"PKT", 300},   Abbreviation{"ICT", 420},    Abbreviation{"WIB", 420},
    Abbreviation{"SGT", 480},   Abbreviation{"HKT", 480},    Abbreviation{"AWST", 480},
    Abbreviation{"JST", 540},   Abbreviation{"KST", 540},    Abbreviation{"ACST", 570},
    Abbreviation{"AEST", 600},  Abbreviation{"AEDT", 660},   Abbreviation{"NZST", 720},
    Abbreviation{"NZDT", 780},  Abbreviation{"HST", -600},   Abbreviation{"AKST", -540},
    Abbreviation{"AKDT", -480}, Abbreviation{"PST", -480},   Abbreviation{"PDT", -420},
    Abbreviation{"MST", -420},  Abbreviation{"MDT", -360},   Abbreviation{"CST", -360},
    Abbreviation{"CDT", -300},  Abbreviation{"EST", -300},   Abbreviation{"EDT", -240},
    Abbreviation{"AST", -240},  Abbreviation{"ADT", -180},   Abbreviation{"NST", -210},
    Abbreviation{"BRT", -180},  Abbreviation{"ART", -180},
};

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
} // namespace

ZoneResolver::ZoneResolver(const std::string &zone, int defaultYear) : m_year(defaultYear)
{
    m_utc = zone.empty() || zone == "UTC" || zone == "Etc/UTC";
    if (!m_utc) {
        m_zone = QTimeZone(QByteArray::fromStdString(zone));
        if (!m_zone.isValid())
            throw std::invalid_argument("unknown time zone \"" + zone + "\" (use an IANA name)");
    }
}

std::optional<int> ZoneResolver::abbreviationOffset(std::string_view abbreviation)
{
    for (const Abbreviation &entry : kAbbreviations) {
        if (entry.name == abbreviation)
            return entry.minutes * 60;
    }
    return std::nullopt;
}

int ZoneResolver::offsetAt(std::int64_t utcSeconds) const
{
    return m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSeconds, QTimeZone::utc()));
}

const ZoneResolver::HourRule &ZoneResolver::ruleFor(std::int64_t localSeconds)
{
    std::int64_t hour = floorDiv(localSeconds, 3600);
    auto found = m_rules.find(hour);
    if (found != m_rules.end())
        return found->second;
    // Offsets 14 h before and after bracket any single transition near here.
    std::int64_t probe = hour * 3600 + 1800;
    HourRule rule;
    rule.before = offsetAt(probe - 14 * 3600);
    rule.after = offsetAt(probe + 14 * 3600);
    if (rule.before == rule.after) {
        // No transition within the window: the offset is simply that one.
        rule.before = rule.after = offsetAt(probe - rule.before);
    } else {
        rule.beforeValid = offsetAt(probe - rule.before) == rule.before;
        rule.afterValid = offsetAt(probe - rule.after) == rule.after;
    }
    if (m_rules.size() > 100'000)
        m_rules.clear();
    return m_rules.emplace(hour, rule).first->second;
}

std::optional<std::int64_t> ZoneResolver::toUtc(const ParsedTime &t)
{
    if (t.isEpoch)
        return t.epochNs;
    int year = t.year;
    if (year < 0) {
        if (m_lastMonth == 12 && t.month == 1)
            ++m_year;
        year = m_year;
    }
    m_lastMonth = t.month;
    std::int64_t local = daysFromCivil(year, unsigned(t.month), unsigned(t.day)) * 86400 +
                         t.hour * 3600 + t.minute * 60 + t.second;
    // ns since the epoch hold 1677-09-21 to 2262-04-11; a written year runs
    // to 9999. Beyond (less a week, for any offset), the time is not one.
    constexpr std::int64_t kLimit = INT64_MAX / 1'000'000'000LL - 7 * 86400;
    if (local > kLimit || local < -kLimit) {
        if (!m_warnedRange) {
            m_warnedRange = true;
            m_pendingWarning = "a time before 1677 or after 2262 cannot be stored";
        }
        return std::nullopt;
    }
    std::int64_t offset = 0;
    if (t.hasOffset) {
        offset = t.offsetSeconds;
    } else if (!t.abbreviation.empty() && abbreviationOffset(t.abbreviation)) {
        offset = *abbreviationOffset(t.abbreviation);
    } else {
        if (!t.abbreviation.empty() && !m_warnedAbbreviation) {
            m_warnedAbbreviation = true;
            m_pendingWarning = "unknown zone abbreviation \"" + std::string(t.abbreviation) +
                               "\": times read in the source's zone";
        }
        if (!m_utc) {
            const HourRule &rule = ruleFor(local);
            if (rule.beforeValid && rule.afterValid && rule.before != rule.after) {
                // Ambiguous: the earlier instant, unless that would go back in time.
                offset = rule.before;
                if ((local - rule.before) * 1'000'000'000LL + t.fractionNs < m_lastUtc)
                    offset = rule.after;
            } else if (rule.beforeValid) {
                offset = rule.before;
            } else if (rule.afterValid) {
                offset = rule.after;
            } else {
                // In the gap of a spring-forward: read with the old offset,
                // which lands after the transition.
                offset = rule.before;
                if (!m_warnedGap) {
                    m_warnedGap = true;
                    m_pendingWarning = "a local time that does not exist in " +
                                       m_zone.id().toStdString() +
                                       " (DST gap) was moved forward";
                }
            }
        }
    }
    std::int64_t utc = (local - offset) * 1'000'000'000LL + t.fractionNs;
    m_lastUtc = utc;
    return utc;
}

bool ZoneResolver::takeWarning(std::string &warning)
{
    if (m_pendingWarning.empty())
        return false;
    warning = std::move(m_pendingWarning);
    m_pendingWarning.clear();
    return true;
}

} // namespace perfcase
