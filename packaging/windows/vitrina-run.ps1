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
    [int]$RestartDelaySeconds = 5
)

if (-not (Test-Path -LiteralPath $Exe)) {
    Write-Error "vitrina.exe not found: $Exe"
    exit 1
}

$folder = Split-Path -Parent $Content
while ($true) {
    $process = $null
    try {
        $process = Start-Process -FilePath $Exe `
            -ArgumentList "--content `"$Content`"" `
            -WorkingDirectory $folder `
            -NoNewWindow -Wait -PassThru -ErrorAction Stop
    } catch {
        Write-Warning "could not start ${Exe}: $_"
    }
    if ($null -ne $process -and $process.ExitCode -eq 0) {
        # Exit in the staff panel.
        exit 0
    }
    Start-Sleep -Seconds $RestartDelaySeconds
}
