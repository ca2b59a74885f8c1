; Inno Setup 6.3 or later (UTF-8 without BOM, x64compatible) script for the Windows desk installer.
; Build the folder first, on Windows, from the repository root:
;   pyinstaller --noconfirm --distpath dist packaging\motcua.spec
;   iscc packaging\motcua.iss            (or: iscc /DDistDir=C:\path\to\dist\motcua packaging\motcua.iss)
; The installer goes to dist\. Uninstalling removes the program only: the store, keys and settings live
; in the user's data and configuration folders (app/paths.py) and are never deleted by it.

#define AppName "MotCua Desk"
; Keep in step with VERSION in motcua.spec.
#define AppVersion "0.1.0"
#ifndef DistDir
  #define DistDir "..\dist\motcua"
#endif

[Setup]
; Never change AppId: Windows uses it to recognise upgrades of the same program.
AppId={{850A21DA-99AA-4908-9940-556FDE951DD8}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; A commune PC often has no administrator at hand: offer an install for this user only.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=motcua-desk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\motcua.exe
UninstallDisplayName={#AppName}
CloseApplications=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; motcua.exe (the window), motcua-cli.exe (the command line, with a console) and _internal\.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\motcua.exe"; Comment: "Bộ phận Một cửa"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\motcua.exe"; Comment: "Bộ phận Một cửa"; Tasks: desktopicon

[Run]
Filename: "{app}\motcua.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
