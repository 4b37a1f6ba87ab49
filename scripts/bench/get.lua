-- wrk script: GET with the bearer token from QD_TOKEN.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("QD_TOKEN")
