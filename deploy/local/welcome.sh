#!/usr/bin/env bash
# What `make run` prints when everything is up: where to look and how to log in.
cat <<'TXT'

  双减 governance platform is running (all on 127.0.0.1)

  Console (log in below)      http://127.0.0.1:8000/         grid_dongtang on a phone, edu_officer, township_dongtang
  Health of every component   http://127.0.0.1:8000/health
  API (gateway, OpenAPI)      http://127.0.0.1:8000/docs     services: /api/patrol/…, /api/enforcement/…,
                                                                 /api/workflows/…, /api/institutions/…,
                                                                 /api/risk/…, /api/oversight/…,
                                                                 /api/inspections/…
  Events (AsyncAPI)           http://127.0.0.1:8000/asyncapi.json   every topic and event
  Public white/black lists    http://127.0.0.1:8000/public/lists/white   (no login; also /black)
  Leadership metrics          http://127.0.0.1:8000/api/oversight/metrics?group_by=department   (leader_city, district_yuhua, township_dongtang, edu_lead)
  Inspections (督导)          http://127.0.0.1:8000/api/inspections/orders   (inspector_yuhua, staff_xingchen, district_yuhua)
  Statistics table (.xlsx)    http://127.0.0.1:8000/api/inspections/statistics?level=district&district=yuhua&format=xlsx
  Temporal UI (workflows)     http://127.0.0.1:8233          the demo incident's whistle-<id> workflow
  Keycloak (identity)         http://127.0.0.1:8080          admin console: admin / admin (local only)
  Logs                        .cache/run/logs/               traces: .cache/run/traces/*.jsonl
  Kafka tools                 deploy/local/kafka-tools.sh topics | read <topic> | lag <group>   (README "Operations")

  Demo logins (realm "governance", password "demo", local only):
    grid_dongtang, grid_guitang            网格员 grid workers
    township_dongtang, township_guitang    镇街 township officers
    district_yuhua                         区 district officer
    edu_officer, market_officer, fire_officer, police_officer,  部门 department officers
    sports_officer, culture_officer, science_officer, civil_officer,
    law_officer, finance_officer, hr_officer
    edu_officer_furong                     education officer of another district
    edu_lead, inspector_yuhua, leader_city, admin_user
    staff_xingchen, staff_guitang_sports   机构负责人 institution staff (their own unit's orders only)

  Get a token:  curl -s -d grant_type=password -d client_id=console -d username=grid_dongtang \
                  -d password=demo http://127.0.0.1:8080/realms/governance/protocol/openid-connect/token
  Stop:         make stop
TXT
