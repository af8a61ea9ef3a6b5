#pragma once

#include <QString>

#include <array>
#include <optional>

namespace tb {

// An analyst's verdict on one event (the `verdicts` table).
enum class Verdict { TruePositive, BenignTruePositive, FalsePositive, NeedsEscalation };

constexpr std::array<Verdict, 4> allVerdicts{Verdict::TruePositive, Verdict::BenignTruePositive,
                                             Verdict::FalsePositive, Verdict::NeedsEscalation};

// The database spelling: "true_positive", "benign_true_positive", "false_positive", "needs_escalation".
QString verdictName(Verdict verdict);
std::optional<Verdict> verdictFromName(const QString &name);
// For people: "True positive", "Benign true positive", ... (translated by the caller's context).
QString verdictTitle(Verdict verdict);

} // namespace tb
