#!/usr/bin/env python3
"""Writes N realistic scheduled-task alerts as a Splunk ESCU/CIM CSV or Elastic Security NDJSON.

Deterministic (fixed seed). Rows mix vendor updaters, admin tasks, installers and malicious tasks over
5,000 hosts and 30 days, with 19 CIM columns like the reference file of ENVIRONMENT.md.

usage: generate_alerts.py {splunk-csv|elastic-ndjson} ROWS OUTFILE
"""
import csv
import json
import random
import sys
import uuid
from datetime import datetime, timedelta, timezone

TASKS = [
    ("GoogleUpdateTaskMachineUA{%s}", r'"C:\Program Files (x86)\Google\Update\GoogleUpdate.exe" /ua /installsource scheduler', "NT AUTHORITY\\SYSTEM", "GoogleUpdate.exe"),
    ("MicrosoftEdgeUpdateTaskMachineCore{%s}", r'"C:\Program Files (x86)\Microsoft\EdgeUpdate\MicrosoftEdgeUpdate.exe" /c', "NT AUTHORITY\\SYSTEM", "MicrosoftEdgeUpdateSetup.exe"),
    ("OneDrive Standalone Update Task-S-1-5-21-%s", r'%localappdata%\Microsoft\OneDrive\OneDriveStandaloneUpdater.exe', "CORP\\user%d", "OneDriveSetup.exe"),
    ("Adobe Acrobat Update Task", r'"C:\Program Files (x86)\Common Files\Adobe\ARM\1.0\AdobeARM.exe"', "NT AUTHORITY\\SYSTEM", "msiexec.exe"),
    ("ZoomUpdateTask", r'"C:\Program Files\Zoom\bin\ZoomUpdater.exe" /silent', "NT AUTHORITY\\SYSTEM", "Installer.exe"),
    ("\\Corp\\NightlyBackup", r'powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\Scripts\backup.ps1', "CORP\\svc_backup", "powershell.exe"),
    ("{%s}", r'C:\ProgramData\Vendor\agent\agentupd.exe --scheduled', "NT AUTHORITY\\SYSTEM", "setup.exe"),
    ("WindowsDefenderUpdate", r'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA', "SYSTEM", "invoice_viewer.exe"),
]

HEADER = ["_time", "dest", "user", "parent_process_name", "parent_process_path", "parent_process",
          "process_name", "process_path", "process", "process_id", "parent_process_id", "original_file_name",
          "process_integrity_level", "process_guid", "vendor_product", "action", "count", "firstTime", "lastTime"]


def rows(n):
    rng = random.Random(20261129)
    start = datetime(2026, 10, 1, tzinfo=timezone.utc)
    for i in range(n):
        name, action, run_as, parent = TASKS[rng.randrange(len(TASKS))]
        if "%s" in name:
            name = name % str(uuid.UUID(int=rng.getrandbits(128))).upper()
        run_as = run_as % rng.randrange(900) if "%d" in run_as else run_as
        host = "wks-%04d.corp.example.com" % rng.randrange(5000)
        t = start + timedelta(seconds=rng.randrange(30 * 86400), microseconds=rng.randrange(1000) * 1000)
        cmd = 'schtasks.exe /Create /TN "%s" /TR "%s" /SC DAILY /ST %02d:%02d /RU "%s" /F' % (
            name, action.replace('"', '\\"'), rng.randrange(24), rng.randrange(60), run_as)
        yield i, t, host, name, cmd, parent, rng


def splunk_csv(n, out):
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for i, t, host, name, cmd, parent, rng in rows(n):
        local = t.astimezone(timezone(timedelta(hours=1)))
        w.writerow([local.isoformat(timespec="milliseconds"), host, "CORP\\user%d" % rng.randrange(900), parent,
                    "C:\\Users\\u\\AppData\\Local\\Temp\\" + parent, '"C:\\Users\\u\\AppData\\Local\\Temp\\%s" /S' % parent,
                    "schtasks.exe", "C:\\Windows\\System32\\schtasks.exe", cmd, rng.randrange(1, 65000),
                    rng.randrange(1, 65000), "schtasks.exe", "high", "{%s}" % uuid.UUID(int=rng.getrandbits(128)),
                    "Microsoft Windows", "allowed", 1, local.strftime("%Y-%m-%dT%H:%M:%S"),
                    local.strftime("%Y-%m-%dT%H:%M:%S")])


def elastic_ndjson(n, out):
    for i, t, host, name, cmd, parent, rng in rows(n):
        alert_id = "%064x" % rng.getrandbits(256)
        doc = {
            "@timestamp": (t + timedelta(minutes=5)).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "kibana.alert.original_time": t.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "kibana.alert.rule.name": "Scheduled Task Created by a Windows Script",
            "kibana.alert.rule.rule_id": "689b9d57-e4d5-4357-ad17-9c334609d79a",
            "kibana.alert.rule.uuid": "0b4a8f2e-6c1d-11ef-9c3a-7d2e1f0a9b8c",
            "kibana.alert.severity": "medium", "kibana.alert.risk_score": 47,
            "kibana.alert.workflow_status": "open", "kibana.alert.uuid": alert_id,
            "event.kind": "signal",
            "host": {"name": host.split(".")[0], "os": {"type": "windows"}},
            "user": {"name": "user%d" % rng.randrange(900), "domain": "CORP"},
            "process": {"name": "schtasks.exe", "executable": "C:\\Windows\\System32\\schtasks.exe",
                        "command_line": cmd, "pid": rng.randrange(1, 65000),
                        "parent": {"name": parent, "executable": "C:\\Users\\u\\AppData\\Local\\Temp\\" + parent}},
            "event": {"category": ["process"], "type": ["start"]},
        }
        out.write(json.dumps({"_index": ".internal.alerts-security.alerts-default-000001", "_id": alert_id,
                              "_source": doc}, separators=(",", ":")) + "\n")


def main():
    kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(path, "w", newline="", encoding="utf-8") as out:
        (splunk_csv if kind == "splunk-csv" else elastic_ndjson)(n, out)


if __name__ == "__main__":
    main()
