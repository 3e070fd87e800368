<#
.SYNOPSIS
    Makes Vitrina the shell of a kiosk account with Shell Launcher: that account
    signs in to Vitrina alone, with no Explorer, taskbar or Start menu.

.DESCRIPTION
    WINDOWS EDITIONS
      - Shell Launcher (this script) needs Windows 10/11 Enterprise, Education or
        IoT Enterprise. It replaces Explorer for one account only; other accounts
        (administrators) keep the normal desktop.
      - Windows 10/11 Pro has no Shell Launcher. There, use Assigned Access:
        a multi-app kiosk (Windows 11 22H2 and later can auto-launch a desktop
        app such as vitrina.exe), configured with an Assigned Access XML through
        MDM (Intune) or the MDM WMI bridge running as SYSTEM. The single-app
        kiosk of Settings > Accounts > Other users takes only Store apps and
        Edge on most versions, so not vitrina.exe. The simplest route on Pro is
        install.ps1's Task Scheduler task with automatic sign-in plus the
        lockdown in docs/operators.md.
      - Windows Home: no kiosk features; use the Task Scheduler task.

    BEFORE
      Run install.ps1 -KioskUser <name> -NoTask first (files in C:\Vitrina).
      The kiosk account must be a standard (not administrator) local account.

    WHAT IT DOES (elevated PowerShell):
        powershell -ExecutionPolicy Bypass -File .\setup-kiosk.ps1 -KioskUser kiosk
      1. turns on the optional feature Client-EmbeddedShellLauncher
         (a restart may be needed before step 2 works: run the script again);
      2. through the Shell Launcher WMI provider (WESL_UserSetting): keeps
         Explorer as the default shell, sets the kiosk account's shell to
         vitrina-run.ps1 in a hidden PowerShell window (it restarts vitrina.exe
         after a crash), and tells Shell Launcher what to do when that shell
         ends: after Exit in the staff panel (code 0) nothing (an empty screen:
         Ctrl+Alt+Del, Sign out); any other code, start it again;
      3. enables Shell Launcher.
      With -Remove it gives the account Explorer back.

      Then set the account to sign in automatically (Sysinternals Autologon).
      Shell Launcher can also be configured through the Assigned Access CSP
      (ShellLauncher node, "Shell Launcher v2" XML) from MDM; this script uses the
      local WMI provider, which needs no MDM.

    NOT TESTED ON WINDOWS: written from Microsoft's documentation of Shell
    Launcher and WESL_UserSetting, but it could not be run where it was written.
    Try it on one kiosk before rolling it out.
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
    # The local kiosk account: "kiosk" or "PC\kiosk".
    [Parameter(Mandatory = $true)]
    [string]$KioskUser,
    # Where install.ps1 put Vitrina.
    [string]$Target = 'C:\Vitrina',
    # Give the account its normal shell (Explorer) back.
    [switch]$Remove
)
$ErrorActionPreference = 'Stop'

# Shell Launcher's actions when the shell exits.
$RestartShell = 0
$DoNothing = 3

$edition = (Get-CimInstance Win32_OperatingSystem).Caption
if ($edition -notmatch 'Enterprise|Education|IoT') {
    throw "Shell Launcher needs Enterprise, Education or IoT Enterprise; this is '$edition'. See the header of this script for Pro."
}

if ($KioskUser -notmatch '\\') { $KioskUser = "$env:COMPUTERNAME\$KioskUser" }
$sid = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate(
    [System.Security.Principal.SecurityIdentifier]).Value

# 1. The optional feature.
$feature = Get-WindowsOptionalFeature -Online -FeatureName 'Client-EmbeddedShellLauncher'
if ($feature.State -ne 'Enabled') {
    $result = Enable-WindowsOptionalFeature -Online -FeatureName 'Client-EmbeddedShellLauncher' -All -NoRestart
    if ($result.RestartNeeded) {
        Write-Warning 'Shell Launcher was turned on: restart Windows, then run this script again.'
        exit 3010
    }
}

# 2. The WMI provider.
$ShellLauncher = [wmiclass]'\\localhost\root\standardcimv2\embedded:WESL_UserSetting'

if ($Remove) {
    $null = $ShellLauncher.RemoveCustomShell($sid)
    Write-Host "Shell Launcher no longer applies to $KioskUser (Explorer at next sign-in)."
    exit 0
}

$runner = Join-Path $Target 'vitrina-run.ps1'
if (-not (Test-Path -LiteralPath $runner)) {
    throw "$runner not found: run install.ps1 -KioskUser $KioskUser -NoTask first."
}
$shell = "$env:SystemRoot\System32\WindowsPowerShell\v1.0\powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File `"$runner`""

# Everyone else keeps Explorer.
$null = $ShellLauncher.SetDefaultShell('explorer.exe', $RestartShell)
# Replace an earlier setting for the account, if any.
try { $null = $ShellLauncher.RemoveCustomShell($sid) } catch { }
$null = $ShellLauncher.SetCustomShell($sid, $shell, [int[]]@(0), [int[]]@($DoNothing), $RestartShell)

# 3. On.
$null = $ShellLauncher.SetEnabled($true)
Write-Host "Vitrina is the shell of $KioskUser from its next sign-in."
Write-Host 'Disable the Task Scheduler task if install.ps1 registered one:  Disable-ScheduledTask -TaskName Vitrina'
