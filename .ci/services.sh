# Sourced by .ci/run: the services and system packages the test suite needs.
# - PostgreSQL on loopback (exports COMMUNIQUE_TEST_PG_URL) for the store/API tests on PostgreSQL;
# - Debian's Chromium for the Playwright browser tests;
# - Java 17 for the Spark job tests (pyspark 4 needs it).
COMMUNIQUE_TEST_PG_URL="$(bash .ci/postgres.sh)"
export COMMUNIQUE_TEST_PG_URL
if ! command -v chromium >/dev/null 2>&1; then
  echo "services.sh: installing chromium from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
fi
if ! java -version 2>&1 | grep -qE 'version "(17|21)'; then
  echo "services.sh: Spark needs Java 17; installing it from Debian packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >&2
fi
export SPARK_LOCAL_IP=127.0.0.1
