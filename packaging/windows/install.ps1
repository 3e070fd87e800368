<#
.SYNOPSIS
    Installs Vitrina in C:\Vitrina and registers the Task Scheduler task that
    starts it when the kiosk user signs in.

.DESCRIPTION
    Run in an elevated PowerShell (Run as administrator) from a folder that holds
    vitrina.exe, content.ron and assets\ and this packaging\windows folder's
    files (install.ps1, vitrina-run.ps1, vitrina-autostart.xml):

        powershell -ExecutionPolicy Bypass -File .\install.ps1 -KioskUser kiosk

    It copies
        vitrina.exe, vitrina-run.ps1   -> C:\Vitrina\
        content.ron, assets\           -> C:\Vitrina\content\   (only the first
                                          time, or with -ReplaceContent, so an
                                          update of the program keeps the content)
    makes C:\Vitrina read-only for ordinary users (the kiosk account can read and
    run it, not change it), checks the content with `vitrina.exe check`, and
    registers the task "Vitrina" from vitrina-autostart.xml for -KioskUser.

    Run it again to update vitrina.exe; the task is replaced, the content kept.
    Windows refuses to replace a program that is running, so it first stops the
    kiosk (the task "Vitrina", the vitrina-run.ps1 runner and C:\Vitrina\vitrina.exe
    itself), waits until vitrina.exe has exited, copies, and then starts the task
    again if it was running. Under Shell Launcher (setup-kiosk.ps1), sign the kiosk
    account out before an update: Shell Launcher starts a stopped shell again.

    Then set the kiosk account to sign in automatically (Sysinternals Autologon,
    or netplwiz) and, on Enterprise/Education/IoT, setup-kiosk.ps1 to make
    Vitrina its shell. docs/operators.md has the whole recipe.

    NOT TESTED ON WINDOWS: written carefully, but it could not be run where it
    was written. Try it on one kiosk before rolling it out.
#>
#Requires -RunAsAdministrator
[CmdletBinding()]
param(
    # The local account the kiosk runs as (it must exist): "kiosk" or "PC\kiosk".
    [Parameter(Mandatory = $true)]
    [string]$KioskUser,
    # The folder with vitrina.exe, content.ron and assets\.
    [string]$Source = $PSScriptRoot,
    # Where Vitrina is installed.
    [string]$Target = 'C:\Vitrina',
    # Copy content.ron and assets\ even if the target already has content.
    [switch]$ReplaceContent,
    # Copy the files but do not register the task (Shell Launcher starts Vitrina instead).
    [switch]$NoTask
)
$ErrorActionPreference = 'Stop'

function Find-File([string]$Name) {
    foreach ($folder in @($Source, $PSScriptRoot)) {
        $path = Join-Path $folder $Name
        if (Test-Path -LiteralPath $path) { return $path }
    }
    throw "$Name not found in $Source or $PSScriptRoot"
}

$exe = Find-File 'vitrina.exe'
$runner = Find-File 'vitrina-run.ps1'
$taskXml = Find-File 'vitrina-autostart.xml'
if ($KioskUser -notmatch '\\') { $KioskUser = "$env:COMPUTERNAME\$KioskUser" }
# Fails early if the account does not exist.
$null = (New-Object System.Security.Principal.NTAccount($KioskUser)).Translate(
    [System.Security.Principal.SecurityIdentifier])

$installedExe = Join-Path $Target 'vitrina.exe'
$installedRunner = Join-Path $Target 'vitrina-run.ps1'
# The unpacked zip is the source: copying a folder onto itself would fail after the stop.
$sourceFolder = (Resolve-Path -LiteralPath (Split-Path -Parent $exe)).Path.TrimEnd('\')
if ($sourceFolder -eq [IO.Path]::GetFullPath($Target).TrimEnd('\')) {
    throw "run install.ps1 from the unpacked zip's own folder, not from ${Target}: it copies from there to $Target"
}

# 1. Stop the running kiosk: Windows refuses to replace a running vitrina.exe.
#    The task first, then any runner left (it would start vitrina.exe again), then
#    vitrina.exe itself, found by its path so another copy elsewhere is left alone.
$task = Get-ScheduledTask -TaskName 'Vitrina' -ErrorAction SilentlyContinue
$taskWasRunning = ($null -ne $task) -and ($task.State -eq 'Running')
if ($null -ne $task) {
    Stop-ScheduledTask -TaskName 'Vitrina'
}
$runners = @(Get-CimInstance Win32_Process -Filter "Name = 'powershell.exe' OR Name = 'pwsh.exe'" |
    Where-Object { $_.CommandLine -and $_.CommandLine.IndexOf($installedRunner, [StringComparison]::OrdinalIgnoreCase) -ge 0 })
foreach ($process in $runners) {
    Write-Host "stopping the runner (process $($process.ProcessId)): vitrina-run.ps1"
    Stop-Process -Id $process.ProcessId -Force -ErrorAction SilentlyContinue
}
$kiosks = @(Get-Process -Name 'vitrina' -ErrorAction SilentlyContinue |
    Where-Object { $_.Path -and ($_.Path -eq $installedExe) })
foreach ($process in $kiosks) {
    Write-Host "stopping $installedExe (process $($process.Id))"
    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
}
if ($kiosks.Count -gt 0) {
    # Until it has exited and Windows has let go of the file.
    $kiosks | Wait-Process -Timeout 30 -ErrorAction SilentlyContinue
}

# 2. Files.
$contentDir = Join-Path $Target 'content'
New-Item -ItemType Directory -Force -Path $Target, $contentDir | Out-Null
# A few tries: a file scanner or a runner started meanwhile can hold the file a moment.
for ($try = 1; ; $try++) {
    try {
        Copy-Item -LiteralPath $exe, $runner -Destination $Target -Force
        break
    } catch {
        if ($try -ge 10) { throw "could not replace ${installedExe}: $_" }
        Get-Process -Name 'vitrina' -ErrorAction SilentlyContinue |
            Where-Object { $_.Path -and ($_.Path -eq $installedExe) } |
            Stop-Process -Force -ErrorAction SilentlyContinue
        Start-Sleep -Seconds 2
    }
}
$contentFile = Join-Path $contentDir 'content.ron'
if ($ReplaceContent -or -not (Test-Path -LiteralPath $contentFile)) {
    Copy-Item -LiteralPath (Join-Path $Source 'content.ron') -Destination $contentDir -Force
    $assets = Join-Path $Source 'assets'
    if (Test-Path -LiteralPath $assets) {
        Copy-Item -LiteralPath $assets -Destination $contentDir -Recurse -Force
    }
    Write-Host "content copied to $contentDir"
} else {
    Write-Host "content kept in $contentDir (use -ReplaceContent to overwrite it)"
}

# 3. Permissions: administrators and SYSTEM may change C:\Vitrina, users
#    (the kiosk account among them) may only read and run it. A sync tool that
#    updates content\ needs write access there: grant it to that tool's account.
& icacls.exe $Target /inheritance:r /grant:r `
    '*S-1-5-32-544:(OI)(CI)F' '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-545:(OI)(CI)RX' | Out-Null
if ($LASTEXITCODE -ne 0) { throw "icacls failed ($LASTEXITCODE)" }

# 4. Check the content (exit 1 and FILE:LINE:COLUMN lines when it has errors).
& $installedExe check $contentFile
if ($LASTEXITCODE -ne 0) {
    Write-Warning "the content has errors (above): the kiosk will not start until they are fixed"
}

# 5. The task, and the kiosk started again if it was running.
if (-not $NoTask) {
    $xml = (Get-Content -LiteralPath $taskXml -Raw) -replace 'VITRINA_KIOSK_USER', $KioskUser
    if ($Target -ne 'C:\Vitrina') {
        $xml = $xml -replace [regex]::Escape('C:\Vitrina'), $Target
    }
    Register-ScheduledTask -TaskName 'Vitrina' -Xml $xml -Force | Out-Null
    Write-Host "task 'Vitrina' registered: starts at sign-in of $KioskUser"
}
if ($taskWasRunning -and -not $NoTask) {
    # The task runs in the kiosk account's session, so only while that account is signed in:
    # it was, since the task was running a moment ago.
    Start-ScheduledTask -TaskName 'Vitrina'
    Write-Host "task 'Vitrina' started again"
} elseif ($kiosks.Count -gt 0 -or $runners.Count -gt 0) {
    Write-Host 'the kiosk was stopped: it starts again at the next sign-in of the kiosk account'
}
Write-Host "installed in $Target"
