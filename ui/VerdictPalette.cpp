#include "VerdictPalette.h"

#include <QPalette>

namespace tb {

bool VerdictPalette::isDark(const QPalette &palette) {
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor VerdictPalette::strong(const QString &verdictName) {
    if (verdictName == QLatin1String("true_positive"))
        return QColor(0xd3, 0x2f, 0x2f);
    if (verdictName == QLatin1String("benign_true_positive"))
        return QColor(0x1e, 0x88, 0xe5);
    if (verdictName == QLatin1String("false_positive"))
        return QColor(0x43, 0xa0, 0x47);
    if (verdictName == QLatin1String("needs_escalation"))
        return QColor(0xf5, 0x7c, 0x00);
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor VerdictPalette::tint(const QString &verdictName, const QPalette &palette) {
    if (verdictName.isEmpty())
        return {};
    // The strong colour blended into the base: a calm tint that keeps the text readable.
    const QColor base = palette.color(QPalette::Base);
    const QColor colour = strong(verdictName);
    const qreal amount = isDark(palette) ? 0.28 : 0.16;
    return QColor::fromRgbF(base.redF() + (colour.redF() - base.redF()) * amount,
                            base.greenF() + (colour.greenF() - base.greenF()) * amount,
                            base.blueF() + (colour.blueF() - base.blueF()) * amount);
}

} // namespace tb
