# neon-ci GitHub Action image.
#
#   build    Maven Wrapper in an official JDK image -> action/target/neon-ci-action.jar, then
#            action/build-runtime.sh (the same script the tests run) -> /opt/neon-ci:
#              bin/java             jlinked runtime, modules from action/jlink-modules.txt
#              neon-ci-action.jar   the entrypoint
#              neon-ci-post         post-entrypoint ("#!/opt/neon-ci/bin/java -jar" + manifest-only jar)
#   rootfs   action/collect-libs.sh: the shared libraries that runtime needs (found with ldd, so any
#            architecture works) and an empty /tmp
#   final    FROM scratch: the runtime and those libraries, nothing else (no shell, no package manager).
#
# (-Ddownload.plugin.skip: the emulator's tests download Neon's OpenAPI document; no test runs here.)
# GitHub runs container actions as root with the workspace mounted as the working directory: so no USER
# and no WORKDIR here. The ENTRYPOINT is exec form: a shell would drop hyphenated INPUT_ variables.
# Prefer the prebuilt image (docs/github-action.md, .github/workflows/release-action.yml): with
# `image: Dockerfile` the runner builds this on every job.

FROM eclipse-temurin:17-jdk AS build
COPY . /src
RUN cd /src \
 && ./mvnw -B -q -pl action -am package -DskipTests -Ddownload.plugin.skip=true \
 && bash action/build-runtime.sh /opt/neon-ci action/target/neon-ci-action.jar
# Shared libraries of the runtime (glibc, zlib, ...), copied with their paths; /tmp for the JVM.
RUN bash /src/action/collect-libs.sh /rootfs /opt/neon-ci

FROM scratch
COPY --from=build /rootfs/ /
COPY --from=build /opt/neon-ci/ /opt/neon-ci/
ENV LANG=C.UTF-8
ENTRYPOINT ["/opt/neon-ci/bin/java", "-jar", "/opt/neon-ci/neon-ci-action.jar"]
