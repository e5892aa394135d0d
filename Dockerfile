# ProtectionBot as a container, for hosts other than App Service (which runs the published app directly).
#   docker build -t protectionbot .
#   docker run -p 8080:8080 -e MicrosoftAppType=... -e MicrosoftAppId=... -e Storage__Encryption__Key=... protectionbot
# Secrets (MicrosoftAppPassword, Storage__Encryption__Key, connection strings, WhatsApp tokens) come from the host at run
# time, never from this file. Outside Development the bot refuses to start without Storage__Encryption__Key.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore first, from the project files only, so that editing code or content does not invalidate the restore layer.
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt ./
COPY src/BotProtocol/BotProtocol.csproj src/BotProtocol/
COPY src/ProtectionBot/ProtectionBot.csproj src/ProtectionBot/
RUN dotnet restore src/ProtectionBot/ProtectionBot.csproj

# The build downloads Microsoft's Web Chat bundle for the chat page (one npm package tarball, checked against the
# integrity pinned in src/ProtectionBot/Channels/WebChat/WebChatBundle.targets); it needs no Node.js.
# The csproj copies dialogs/, cards/ and knowledge/ from the repository root into the publish output.
COPY src/ src/
COPY dialogs/ dialogs/
COPY cards/ cards/
COPY knowledge/ knowledge/
RUN dotnet publish src/ProtectionBot/ProtectionBot.csproj --configuration Release --no-restore --output /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The default SQLite file lives under the app folder; the non-root user must be able to write there.
# Mount a volume on /app/.data to keep it, or set Storage__Provider=Postgres for several instances.
RUN mkdir -p /app/.data && chown "$APP_UID" /app/.data

COPY --from=build /app ./

ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=true
EXPOSE 8080

# The .NET images define the unprivileged "app" user and its uid in APP_UID.
USER $APP_UID

# No HEALTHCHECK: the runtime image has no curl or wget, and orchestrators probe /healthz themselves.
ENTRYPOINT ["dotnet", "ProtectionBot.dll"]
