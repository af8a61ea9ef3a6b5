#pragma once

#include <QString>

#include <stdexcept>

namespace tb {

// Thrown inside the store layer so that a Transaction rolls back by RAII.
// Every service in models/ catches it at its boundary and reports the message as a value.
class StoreError final : public std::runtime_error {
public:
    explicit StoreError(const QString &message)
        : std::runtime_error(message.toStdString())
        , m_message(message) {}
    QString message() const { return m_message; }

private:
    QString m_message;
};

} // namespace tb
