#include "Decision.h"

#include <array>
#include <utility>

namespace tb {

namespace {

constexpr std::array actionNames{std::pair{DecisionAction::Suppress, "suppress"},
                                 std::pair{DecisionAction::LowerSeverity, "lower_severity"}};
constexpr std::array statusNames{
    std::pair{DecisionStatus::Proposed, "proposed"}, std::pair{DecisionStatus::Approved, "approved"},
    std::pair{DecisionStatus::Rejected, "rejected"}, std::pair{DecisionStatus::Expired, "expired"},
    std::pair{DecisionStatus::Retired, "retired"}};
constexpr std::array verdictNames{std::pair{DecisionVerdict::FalsePositive, "false_positive"},
                                  std::pair{DecisionVerdict::BenignTruePositive, "benign_true_positive"},
                                  std::pair{DecisionVerdict::FalsePositive, "fp"},
                                  std::pair{DecisionVerdict::BenignTruePositive, "btp"}};

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &names, Enum value) {
    for (const auto &[candidate, name] : names)
        if (candidate == value)
            return QString::fromLatin1(name);
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &names, const QString &text) {
    for (const auto &[value, name] : names)
        if (text == QLatin1String(name))
            return value;
    return std::nullopt;
}

} // namespace

QString decisionActionName(DecisionAction action) {
    return nameOf(actionNames, action);
}
std::optional<DecisionAction> decisionActionFromName(const QString &name) {
    return valueOf(actionNames, name);
}
QString decisionStatusName(DecisionStatus status) {
    return nameOf(statusNames, status);
}
std::optional<DecisionStatus> decisionStatusFromName(const QString &name) {
    return valueOf(statusNames, name);
}
QString decisionVerdictName(DecisionVerdict verdict) {
    return nameOf(verdictNames, verdict); // the first spelling is the long one
}
std::optional<DecisionVerdict> decisionVerdictFromName(const QString &name) {
    return valueOf(verdictNames, name);
}

} // namespace tb
