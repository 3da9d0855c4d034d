@echo off
rem Starts Stepwise on Windows with the java of STEPWISE_JAVA_HOME, else JAVA_HOME, else the PATH; needs JDK 21+.
rem
rem 21 is the floor the build enforces (stepwise.jdk.range in the parent pom). Extra JVM options go in
rem STEPWISE_JAVA_OPTS.
setlocal

set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java.exe"
if defined STEPWISE_JAVA_HOME set "JAVA=%STEPWISE_JAVA_HOME%\bin\java.exe"

rem The first line of `java -version` reads: ... version "21.0.11" ... ; the patterns accept majors 21 to 999.
"%JAVA%" -version 2>&1 | findstr /r /c:"version .2[1-9]" /c:"version .[3-9][0-9]" /c:"version .[1-9][0-9][0-9]" >nul
if errorlevel 1 goto :nojdk

rem The studio (no command, or "studio") reuses a class-data archive the JVM writes on its first run; that needs the
rem default object alignment. Command-line work keeps 64-byte alignment for the GEMM panels.
set "MODE_OPTS=-XX:ObjectAlignmentInBytes=64"
set "FIRST=%~1"
if "%FIRST%"=="" set "MODE_OPTS=-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=%TEMP%\stepwise-studio.jsa -Xlog:cds*=off"
if "%FIRST%"=="studio" set "MODE_OPTS=-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=%TEMP%\stepwise-studio.jsa -Xlog:cds*=off"

rem JavaFX loads its native libraries with System.load; allowing it spares each start four lines of warnings.
"%JAVA%" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC %MODE_OPTS% %STEPWISE_JAVA_OPTS% -cp "%~dp0lib\*" org.stepwise.app.Main %*
exit /b %ERRORLEVEL%

:nojdk
echo stepwise needs a JDK 21 or newer; found: "%JAVA%". Set JAVA_HOME or STEPWISE_JAVA_HOME. 1>&2
exit /b 1
