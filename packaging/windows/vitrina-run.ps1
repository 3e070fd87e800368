<#
.SYNOPSIS
    Runs Vitrina and starts it again whenever it stops with an error.

.DESCRIPTION
    The Task Scheduler task (vitrina-autostart.xml) and the Shell Launcher shell
    (setup-kiosk.ps1) both start this script rather than vitrina.exe itself:

    - Task Scheduler's "restart on failure" only covers a task that fails to
      START; it does not restart a program that crashes later. This loop does:
      when vitrina.exe exits with a non-zero code (a crash, a panic, content
      broken at start), it waits a few seconds and starts it again.
    - Exit in the staff panel ends Vitrina with code 0: the loop ends too, and
      the kiosk stays stopped until the next sign-in.
    - A kiosk that hangs (the window frozen, the process still there) is
      stopped and started again: Vitrina rewrites status.json in its data
      folder every minute with a "heartbeat" time from its UI thread; when
      that time is older than -HeartbeatMinutes (3), the runner stops
      vitrina.exe and the loop starts it again. The check begins once this
      run of vitrina.exe has written a heartbeat, so a kiosk with status
      writing turned off (kiosk.ron) is never stopped for it. A clock jump
      forward or a resume from sleep can cause one needless restart.
    - vitrina.exe is a console program. Started from this hidden PowerShell
      window (-WindowStyle Hidden) it shares that hidden console, so no black
      console window sits behind the kiosk.

    Logs: Vitrina's own log files, %LOCALAPPDATA%\Vitrina\data\logs\.

    NOT TESTED ON WINDOWS: written carefully, but it could not be run where it
    was written. Try it on one kiosk before rolling it out.
#>
param(
    # The program.
    [string]$Exe = (Join-Path $PSScriptRoot 'vitrina.exe'),
    # The content file; its folder holds assets\.
    [string]$Content = (Join-Path $PSScriptRoot 'content\content.ron'),
    # Seconds to wait before a restart.
    [int]$RestartDelaySeconds = 5,
    # Vitrina's data folder, where it writes status.json (its default for this user).
    [string]$DataDir = (Join-Path $env:LOCALAPPDATA 'Vitrina\data'),
    # Restart a kiosk whose heartbeat is older than this; 0 turns the check off.
    [int]$HeartbeatMinutes = 3,
    # Seconds between two looks at the heartbeat.
    [int]$CheckSeconds = 20
)

if (-not (Test-Path -LiteralPath $Exe)) {
    Write-Error "vitrina.exe not found: $Exe"
    exit 1
}

$statusFile = Join-Path $DataDir 'status.json'

# The heartbeat in status.json as a DateTimeOffset, or $null when the file is missing or
# cannot be read right now (Vitrina replaces it in one step; the next look will do).
function Get-Heartbeat([string]$Path) {
    try {
        $status = Get-Content -LiteralPath $Path -Raw -ErrorAction Stop | ConvertFrom-Json
        $beat = $status.heartbeat
        # PowerShell 7 turns ISO 8601 text into a DateTime; Windows PowerShell 5.1 keeps text.
        if ($beat -is [datetime]) {
            return [DateTimeOffset]($beat.ToUniversalTime())
        }
        return [DateTimeOffset]::Parse([string]$beat, [Globalization.CultureInfo]::InvariantCulture)
    } catch {
        return $null
    }
}

$folder = Split-Path -Parent $Content
while ($true) {
    $process = $null
    $hung = $false
    try {
        $process = Start-Process -FilePath $Exe `
            -ArgumentList "--content `"$Content`"" `
            -WorkingDirectory $folder `
            -NoNewWindow -PassThru -ErrorAction Stop
        # Keeps the handle, so ExitCode is known after the process ends.
        $null = $process.Handle
    } catch {
        Write-Warning "could not start ${Exe}: $_"
    }
    if ($null -ne $process) {
        # A heartbeat from before this start belongs to an earlier run (5 s: whole seconds).
        $started = [DateTimeOffset]::UtcNow.AddSeconds(-5)
        $seen = $false
        while (-not $process.WaitForExit($CheckSeconds * 1000)) {
            if ($HeartbeatMinutes -le 0) { continue }
            $beat = Get-Heartbeat $statusFile
            if ($null -eq $beat) { continue }
            if ($beat -ge $started) { $seen = $true }
            $age = [DateTimeOffset]::UtcNow - $beat
            if ($seen -and $age.TotalMinutes -ge $HeartbeatMinutes) {
                Write-Warning ("vitrina.exe hangs: its last heartbeat is {0:N0} s old; restarting it" -f $age.TotalSeconds)
                $hung = $true
                Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
                $null = $process.WaitForExit(30000)
                break
            }
        }
    }
    if ($null -ne $process -and -not $hung -and $process.ExitCode -eq 0) {
        # Exit in the staff panel.
        exit 0
    }
    Start-Sleep -Seconds $RestartDelaySeconds
}
