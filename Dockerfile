# neon-ci GitHub Action image.
#
#   build    Maven Wrapper in an official JDK image -> action/target/neon-ci-action.jar, then
#            action/build-runtime.sh (the same script the tests run) -> /opt/neon-ci:
#              bin/java             jlinked runtime, modules from action/jlink-modules.txt
#              neon-ci-action.jar   the entrypoint
#              neon-ci-post         post-entrypoint ("#!/opt/neon-ci/bin/java -jar" + manifest-only jar)
#   rootfs   the shared libraries that runtime needs (found with ldd, so any architecture works)
#   final    FROM scratch: the runtime and those libraries, nothing else (no shell, no package manager).
#
# GitHub runs container actions as root with the workspace mounted as the working directory: so no USER
# and no WORKDIR here. The ENTRYPOINT is exec form: a shell would drop hyphenated INPUT_ variables.
# Prefer the prebuilt image (docs/github-action.md, .github/workflows/release-action.yml): with
# `image: Dockerfile` the runner builds this on every job.

FROM eclipse-temurin:17-jdk AS build
COPY . /src
RUN cd /src \
 && ./mvnw -B -q -pl action -am package -DskipTests \
 && bash action/build-runtime.sh /opt/neon-ci action/target/neon-ci-action.jar
# Shared libraries of the runtime (glibc, zlib, ...), copied with their paths; /tmp for the JVM.
RUN mkdir -p /rootfs/tmp \
 && chmod 1777 /rootfs/tmp \
 && ldd /opt/neon-ci/bin/java /opt/neon-ci/lib/*.so /opt/neon-ci/lib/server/libjvm.so \
    | grep -o '/[^ ]*' | grep -v '^/opt/neon-ci/' | sort -u \
    | xargs -I{} cp --parents -L {} /rootfs/

FROM scratch
COPY --from=build /rootfs/ /
COPY --from=build /opt/neon-ci/ /opt/neon-ci/
ENV LANG=C.UTF-8
ENTRYPOINT ["/opt/neon-ci/bin/java", "-jar", "/opt/neon-ci/neon-ci-action.jar"]
