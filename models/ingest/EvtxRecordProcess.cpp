#include "EvtxRecordProcess.h"

#include <libevtx.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define TB_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TB_ADDRESS_SANITIZER 1
#endif
#endif

#ifdef TB_ADDRESS_SANITIZER
#include <sanitizer/allocator_interface.h>
#endif

namespace tb {

namespace {

constexpr size_t childMemoryLimit = size_t(4) << 30;
constexpr int outOfMemoryExit = 4;

#ifdef TB_ADDRESS_SANITIZER
// ASan reserves terabytes of shadow address space, so RLIMIT_AS cannot cap an ASan build's child:
// it watches its heap through the sanitizer's allocation hook instead.
void limitHeap(const volatile void *, size_t) {
    if (__sanitizer_get_current_allocated_bytes() > childMemoryLimit)
        ::_exit(outOfMemoryExit);
}
#endif

#ifndef TB_ADDRESS_SANITIZER
// The bytes of address space this process maps (/proc/self/statm's first field), read with
// async-signal-safe calls only, as a forked child of a threaded parent must.
size_t inheritedAddressSpace() {
    const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char text[64] = {};
    const ssize_t n = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    size_t pages = 0;
    for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9'; ++i)
        pages = pages * 10 + size_t(text[i] - '0');
    return pages * size_t(::sysconf(_SC_PAGESIZE));
}
#endif

// One message on the pipe: type, ordinal, payload size, payload.
struct Header {
    char type;
    int32_t ordinal;
    uint32_t size;
};

// --- the child: libevtx, malloc and write(2) only, no Qt ---

bool writeAll(int fd, const void *data, size_t size) {
    const char *p = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        size -= size_t(n);
    }
    return true;
}

void send(int fd, char type, int32_t ordinal, const void *payload, size_t size) {
    const Header header{type, ordinal, uint32_t(size)};
    if (!writeAll(fd, &header, sizeof header) || !writeAll(fd, payload, size))
        ::_exit(3); // the parent has gone
}

// libevtx's error backtrace into `buffer` (empty when there is none); frees the error.
const char *errorText(libevtx_error_t *&error, char *buffer, size_t size) {
    buffer[0] = '\0';
    if (error) {
        libevtx_error_backtrace_sprint(error, buffer, size);
        libevtx_error_free(&error);
    }
    return buffer;
}

[[noreturn]] void runChild(const char *path, int first, int fd) {
    // A crash is the parent's to report: die of the signal, without the sanitizers' or a fuzzer's
    // handlers writing reports for the parent's process.
    for (const int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGPIPE})
        std::signal(sig, SIG_DFL);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const rlimit cpu{300, 300};
    ::setrlimit(RLIMIT_CPU, &cpu);
#ifdef TB_ADDRESS_SANITIZER
    __sanitizer_install_malloc_and_free_hooks(limitHeap, nullptr);
#else
    // The cap counts from what the child inherited: a parent deep into an import may already map
    // gigabytes (thread stacks, malloc arenas, SQLite's cache).
    const rlim_t cap = rlim_t(inheritedAddressSpace() + childMemoryLimit);
    const rlimit memory{cap, cap};
    ::setrlimit(RLIMIT_AS, &memory);
#endif

    char why[4096];
    libevtx_error_t *error = nullptr;
    libevtx_file_t *file = nullptr;
    auto fail = [&](char stage) {
        errorText(error, why, sizeof why);
        send(fd, 'F', stage, why, std::strlen(why));
        ::_exit(0);
    };
    if (libevtx_file_initialize(&file, &error) != 1)
        fail(char(EvtxRecordProcess::Message::Stage::Initialize));
    if (libevtx_file_open(file, path, LIBEVTX_OPEN_READ, &error) != 1)
        fail(char(EvtxRecordProcess::Message::Stage::Open));
    int records = 0;
    int recovered = 0;
    if (libevtx_file_get_number_of_records(file, &records, &error) != 1 ||
        libevtx_file_get_number_of_recovered_records(file, &recovered, &error) != 1)
        fail(char(EvtxRecordProcess::Message::Stage::Count));
    const int32_t opened[3] = {records, recovered, libevtx_file_is_corrupted(file, nullptr) == 1 ? 1 : 0};
    send(fd, 'O', 0, opened, sizeof opened);

    std::vector<uint8_t> xml;
    for (int ordinal = first; ordinal < records + recovered; ++ordinal) {
        libevtx_record_t *item = nullptr;
        const int got =
            ordinal >= records
                ? libevtx_file_get_recovered_record_by_index(file, ordinal - records, &item, &error)
                : libevtx_file_get_record_by_index(file, ordinal, &item, &error);
        if (got != 1) {
            errorText(error, why, sizeof why);
            send(fd, 'E', ordinal, why, std::strlen(why));
            continue;
        }
        size_t size = 0;
        bool ok = libevtx_record_get_utf8_xml_string_size(item, &size, &error) == 1 && size > 0;
        if (ok) {
            xml.resize(size);
            ok = libevtx_record_get_utf8_xml_string(item, xml.data(), size, &error) == 1;
        }
        if (ok)
            send(fd, 'R', ordinal, xml.data(), ::strnlen(reinterpret_cast<const char *>(xml.data()), size));
        else
            send(fd, 'E', ordinal, why, std::strlen(errorText(error, why, sizeof why)));
        libevtx_record_free(&item, nullptr);
    }
    ::_exit(0);
}

} // namespace

// --- the parent ---

EvtxRecordProcess::EvtxRecordProcess(QByteArray path)
    : m_path(std::move(path)) {}

EvtxRecordProcess::~EvtxRecordProcess() {
    stop();
}

void EvtxRecordProcess::stop() {
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        while (::waitpid(m_pid, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
    m_pid = -1;
}

bool EvtxRecordProcess::start(int first, QString &why) {
    stop();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        why = QStringLiteral("cannot start the libevtx process: %1")
                  .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        why = QStringLiteral("cannot start the libevtx process: %1")
                  .arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fds[0]);
        ::close(fds[1]);
        return false;
    }
    if (pid == 0) {
        ::close(fds[0]);
        runChild(m_path.constData(), first, fds[1]);
    }
    ::close(fds[1]);
    m_pid = pid;
    m_fd = fds[0];
    return true;
}

bool EvtxRecordProcess::readFully(char *data, size_t size, bool &timedOut) {
    timedOut = false;
    while (size > 0) {
        pollfd poll{m_fd, POLLIN, 0};
        const int ready = ::poll(&poll, 1, m_silenceLimitMs);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0) {
            timedOut = true;
            return false;
        }
        const ssize_t n = ::read(m_fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
    }
    return true;
}

EvtxRecordProcess::Message EvtxRecordProcess::died(bool timedOut) {
    Message message;
    message.kind = Message::Kind::Died;
    if (timedOut) {
        stop();
        const bool seconds = m_silenceLimitMs % 1000 == 0;
        const QByteArray silence = QByteArray::number(seconds ? m_silenceLimitMs / 1000 : m_silenceLimitMs) +
                                   (seconds ? " s" : " ms");
        message.text = "libevtx stopped answering (nothing for " + silence + ") and was stopped";
        return message;
    }
    int status = 0;
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    while (m_pid > 0 && ::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        message.text = sig == SIGXCPU ? QByteArray("libevtx used up its 5 minutes of CPU time")
                                      : "libevtx crashed (signal " + QByteArray::number(sig) + ", " +
                                            QByteArray(::sigabbrev_np(sig) ? ::sigabbrev_np(sig) : "?") + ")";
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        message.kind = Message::Kind::End;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == outOfMemoryExit) {
        message.text = "libevtx used more than " + QByteArray::number(qint64(childMemoryLimit >> 30)) +
                       " GiB of memory and was stopped";
    } else {
        message.text = "the libevtx process ended with exit code " + QByteArray::number(WEXITSTATUS(status));
    }
    return message;
}

EvtxRecordProcess::Message EvtxRecordProcess::unreadable() {
    stop();
    Message message;
    message.kind = Message::Kind::Died;
    message.text = "the libevtx process sent something unreadable";
    return message;
}

EvtxRecordProcess::Message EvtxRecordProcess::next() {
    if (m_fd < 0)
        return died(false);
    Header header{};
    bool timedOut = false;
    if (!readFully(reinterpret_cast<char *>(&header), sizeof header, timedOut))
        return died(timedOut);
    if (header.size > 512 * 1024 * 1024) // far more than any record: the child is not itself
        return unreadable();
    Message message;
    message.ordinal = header.ordinal;
    message.text.resize(qsizetype(header.size));
    if (!readFully(message.text.data(), header.size, timedOut))
        return died(timedOut);
    switch (header.type) {
    case 'O': {
        int32_t opened[3] = {};
        if (header.size != sizeof opened)
            return unreadable();
        std::memcpy(opened, message.text.constData(), sizeof opened);
        message.kind = Message::Kind::Opened;
        message.records = opened[0];
        message.recovered = opened[1];
        message.corrupted = opened[2] != 0;
        message.text.clear();
        break;
    }
    case 'F':
        message.kind = Message::Kind::OpenFailed;
        message.stage = Message::Stage(header.ordinal);
        message.ordinal = -1;
        break;
    case 'R':
        message.kind = Message::Kind::Record;
        break;
    case 'E':
        message.kind = Message::Kind::RecordFailed;
        break;
    default:
        return unreadable();
    }
    return message;
}

} // namespace tb
